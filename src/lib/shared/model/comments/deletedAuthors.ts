import type { CommentAuthor, CommentThread } from './types.ts';

/**
 * Threads as shown once some of their authors' accounts are deleted: those authors are signed
 * `deletedName` («Удалённый участник»), whatever name the document still holds (a copy synced
 * before the server erased it, or one that has not synced since).
 */
export function withDeletedAuthors(
  threads: readonly CommentThread[],
  isDeleted: (id: string) => boolean,
  deletedName: string
): CommentThread[] {
  const shown = (author: CommentAuthor) => shownAuthor(author, isDeleted, deletedName);
  return threads.map((thread) => ({
    ...thread,
    author: shown(thread.author),
    resolved: thread.resolved && { ...thread.resolved, by: shown(thread.resolved.by) },
    messages: thread.messages.map((m) => ({ ...m, author: shown(m.author) }))
  }));
}

export function shownAuthor(
  author: CommentAuthor,
  isDeleted: (id: string) => boolean,
  deletedName: string
): CommentAuthor {
  return isDeleted(author.id) ? { id: author.id, name: deletedName } : author;
}
