import * as Y from 'yjs';
import {
  COMMENT_ANCHOR_MAX_BYTES,
  COMMENT_NAME_MAX_LENGTH,
  COMMENT_QUOTE_MAX_LENGTH,
  COMMENT_REPLIES_MAX,
  COMMENT_TEXT_MAX_LENGTH,
  MessageField,
  ThreadField,
  type CommentAnchor,
  type CommentAuthor,
  type CommentMessage,
  type CommentThread
} from './types.ts';
import { mentionIds } from './mentions.ts';

/*
 * Reading is defensive: any peer with write access can put anything into the Y.Doc, so every
 * value is checked and bounded, and a thread that cannot be read is skipped, not thrown on.
 */

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const oneLine = (v: unknown, max: number) =>
  str(v, max * 2)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

function author(id: unknown, name: unknown): CommentAuthor {
  return { id: str(id, 64), name: oneLine(name, COMMENT_NAME_MAX_LENGTH) };
}

function bytes(v: unknown): Uint8Array | null {
  return v instanceof Uint8Array && v.length > 0 && v.length <= COMMENT_ANCHOR_MAX_BYTES ? v : null;
}

export function readAnchor(entry: Y.Map<unknown>): CommentAnchor | null {
  const start = bytes(entry.get(ThreadField.anchorStart));
  const end = bytes(entry.get(ThreadField.anchorEnd));
  return start && end ? { start, end } : null;
}

export function readMessage(value: unknown, index: number): CommentMessage | null {
  if (!(value instanceof Y.Map)) return null;
  const id = str(value.get(MessageField.id), 64) || `#${index}`;
  const deleted = value.get(MessageField.deletedAt) != null;
  const text = deleted ? '' : str(value.get(MessageField.text), COMMENT_TEXT_MAX_LENGTH);
  if (!deleted && text.trim() === '') return null;
  return {
    id,
    author: author(value.get(MessageField.authorId), value.get(MessageField.authorName)),
    text,
    createdAt: time(value.get(MessageField.createdAt)),
    // The tokens in the text are what is shown, so they are the truth, not the stored list.
    mentions: mentionIds(text),
    deleted
  };
}

/** One thread, or null when it has nothing to show (no readable message). */
export function readThread(id: string, entry: unknown): CommentThread | null {
  if (!(entry instanceof Y.Map)) return null;
  const replies = entry.get(ThreadField.replies);
  if (!(replies instanceof Y.Array)) return null;
  const messages: CommentMessage[] = [];
  const raw = replies.toArray();
  for (let i = 0; i < raw.length && messages.length < COMMENT_REPLIES_MAX; i++) {
    const message = readMessage(raw[i], i);
    if (message) messages.push(message);
  }
  if (messages.every((m) => m.deleted)) return null;
  const resolvedAt = entry.get(ThreadField.resolvedAt);
  return {
    id,
    anchor: readAnchor(entry),
    quote: str(entry.get(ThreadField.quote), COMMENT_QUOTE_MAX_LENGTH),
    author: author(entry.get(ThreadField.authorId), entry.get(ThreadField.authorName)),
    createdAt: time(entry.get(ThreadField.createdAt)),
    resolved:
      typeof resolvedAt === 'number' && Number.isFinite(resolvedAt)
        ? {
            by: author(entry.get(ThreadField.resolvedById), entry.get(ThreadField.resolvedByName)),
            at: resolvedAt
          }
        : null,
    messages
  };
}
