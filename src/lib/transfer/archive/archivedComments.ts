import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { z } from 'zod';
import { createAnchor, resolveAnchor } from '../../shared/model/comments/anchors.ts';
import { CommentStore } from '../../shared/model/comments/CommentStore.ts';
import {
  COMMENT_NAME_MAX_LENGTH,
  COMMENT_QUOTE_MAX_LENGTH,
  COMMENT_REPLIES_MAX,
  COMMENT_TEXT_MAX_LENGTH,
  COMMENT_THREADS_MAX
} from '../../shared/model/comments/types.ts';
import { documentRoots } from '../../shared/model/schema.ts';
import { editorSchema } from '../htmlToContent.ts';

/**
 * A document's comment threads as the archive keeps them. In the Y.Doc a thread is anchored by
 * Yjs relative positions, which name items of that one Y.Doc and mean nothing in the restored
 * document (its text is written anew, as new items). The archive keeps the range as ProseMirror
 * positions into the document's own JSON instead, and the restore anchors it again there.
 */
const author = z.object({ id: z.string().max(64), name: z.string().max(COMMENT_NAME_MAX_LENGTH) });
const time = z.number().finite().nonnegative();
const position = z.number().int().nonnegative();

export const archivedThreadSchema = z.object({
  id: z.string().min(1).max(64),
  anchor: z.object({ from: position, to: position }).nullable(),
  quote: z.string().max(COMMENT_QUOTE_MAX_LENGTH),
  author,
  createdAt: time,
  resolved: z.object({ by: author, at: time }).nullable(),
  messages: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        author,
        text: z.string().max(COMMENT_TEXT_MAX_LENGTH),
        createdAt: time,
        deleted: z.boolean()
      })
    )
    .min(1)
    .max(COMMENT_REPLIES_MAX)
});
export type ArchivedThread = z.infer<typeof archivedThreadSchema>;
export const archivedThreadsSchema = z.array(archivedThreadSchema).max(COMMENT_THREADS_MAX);

/**
 * The binding's view of a fragment: its ProseMirror document and the Y type → node mapping the
 * anchors are resolved through. Null for a document y-prosemirror cannot read (a hostile one
 * nested thousands deep): its threads are kept without their place, as orphaned ones are.
 */
function bindingOf(fragment: Y.XmlFragment) {
  try {
    return initProseMirrorDoc(fragment, editorSchema());
  } catch {
    return null;
  }
}

/** The threads of a document, each with the range it covers now (null when orphaned). */
export function archivedComments(doc: Y.Doc): ArchivedThread[] {
  const threads = new CommentStore(doc).threads();
  if (threads.length === 0) return [];
  const fragment = documentRoots.content(doc);
  const binding = bindingOf(fragment);
  return threads.map((thread) => ({
    id: thread.id,
    anchor:
      thread.anchor && binding
        ? resolveAnchor(fragment, binding.mapping, thread.anchor, binding.doc.content.size)
        : null,
    quote: thread.quote,
    author: thread.author,
    createdAt: thread.createdAt,
    resolved: thread.resolved,
    messages: thread.messages.map(({ id, author, text, createdAt, deleted }) => ({
      id,
      author,
      text,
      createdAt,
      deleted
    }))
  }));
}

/**
 * Writes archived threads into a document whose text has just been restored: each range is
 * anchored again to the same words. A range that does not fit the text is restored orphaned
 * (listed with its quote), never dropped.
 */
export function restoreComments(doc: Y.Doc, threads: readonly ArchivedThread[]): number {
  if (threads.length === 0) return 0;
  const fragment = documentRoots.content(doc);
  const binding = bindingOf(fragment);
  const store = new CommentStore(doc);
  let restored = 0;
  for (const thread of threads) {
    const range = thread.anchor;
    const fits =
      binding !== null &&
      range !== null &&
      range.from < range.to &&
      range.to <= binding.doc.content.size;
    const anchor = fits ? createAnchor(fragment, binding.mapping, range.from, range.to) : null;
    if (
      store.restore({
        ...thread,
        anchor,
        messages: thread.messages.map((m) => ({ ...m, mentions: [] }))
      })
    )
      restored++;
  }
  return restored;
}
