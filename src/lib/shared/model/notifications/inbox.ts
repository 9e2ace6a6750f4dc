import type { CommentAuthor, CommentThread } from '../comments/types.ts';

/**
 * What reaches a person from the comments of the workspace, read from the documents' own comment
 * threads (so it works offline and needs no server of its own): a message that mentions them, and
 * a reply by someone else in a thread they wrote in.
 */
export type InboxItemKind = 'mention' | 'reply';

export type InboxItem = {
  /** The message's id: what «прочитано» is kept by. */
  id: string;
  kind: InboxItemKind;
  docId: string;
  threadId: string;
  author: CommentAuthor;
  /** The message's text with mention tokens, as the comment shows it. */
  text: string;
  /** The words the thread is about. */
  quote: string;
  createdAt: number;
};

/** The items of one document's threads for the person `userId`, newest first. */
export function inboxItems(docId: string, threads: CommentThread[], userId: string): InboxItem[] {
  const items: InboxItem[] = [];
  for (const thread of threads) {
    let wroteBefore = thread.author.id === userId;
    for (const message of thread.messages) {
      const mine = message.author.id === userId;
      if (!mine && !message.deleted) {
        const kind: InboxItemKind | null = message.mentions.includes(userId)
          ? 'mention'
          : wroteBefore
            ? 'reply'
            : null;
        if (kind)
          items.push({
            id: message.id,
            kind,
            docId,
            threadId: thread.id,
            author: message.author,
            text: message.text,
            quote: thread.quote,
            createdAt: message.createdAt
          });
      }
      if (mine) wroteBefore = true;
    }
  }
  return items.sort(newestFirst);
}

export function newestFirst(a: InboxItem, b: InboxItem): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1);
}
