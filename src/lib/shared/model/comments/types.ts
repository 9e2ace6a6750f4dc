/** Comment threads as the app reads them: plain values, already validated and bounded. */

export type CommentAuthor = { id: string; name: string };

export type CommentMessage = {
  id: string;
  author: CommentAuthor;
  /** The text, with mentions as `<@userId>` tokens (see `mentions.ts`); '' when deleted. */
  text: string;
  createdAt: number;
  /** Ids of the members mentioned in the text. */
  mentions: string[];
  /** A deleted opening message stays as a tombstone while others' replies follow it. */
  deleted: boolean;
};

/** Where a thread is anchored: two encoded Yjs relative positions into the content fragment. */
export type CommentAnchor = { start: Uint8Array; end: Uint8Array };

export type CommentThread = {
  id: string;
  anchor: CommentAnchor | null;
  /** The selected text when the thread was opened, shown when the text itself is gone. */
  quote: string;
  author: CommentAuthor;
  createdAt: number;
  resolved: { by: CommentAuthor; at: number } | null;
  /** The opening comment first, then the replies in order. Never empty. */
  messages: CommentMessage[];
};

/** Keys of a thread's Y.Map in the document's `comments` root. */
export const ThreadField = {
  anchorStart: 'anchorStart',
  anchorEnd: 'anchorEnd',
  quote: 'quote',
  authorId: 'authorId',
  authorName: 'authorName',
  createdAt: 'createdAt',
  resolvedAt: 'resolvedAt',
  resolvedById: 'resolvedById',
  resolvedByName: 'resolvedByName',
  /** A Y.Array of message Y.Maps: the opening comment, then the replies. */
  replies: 'replies'
} as const;

/** Keys of one message's Y.Map. */
export const MessageField = {
  id: 'id',
  authorId: 'authorId',
  authorName: 'authorName',
  text: 'text',
  createdAt: 'createdAt',
  mentions: 'mentions',
  deletedAt: 'deletedAt'
} as const;

/** A comment is a remark, not a document: long enough for a paragraph of advice, bounded so one
 * peer cannot bloat everyone's copy of the document. */
export const COMMENT_TEXT_MAX_LENGTH = 4000;
/** The quote only reminds what was commented; the anchor, not the quote, carries the range. */
export const COMMENT_QUOTE_MAX_LENGTH = 300;
export const COMMENT_NAME_MAX_LENGTH = 100;
export const COMMENT_MENTIONS_MAX = 20;
/** An encoded relative position is a few dozen bytes; anything much larger is not one. */
export const COMMENT_ANCHOR_MAX_BYTES = 256;
/** Threads and replies read from one document, whatever a peer wrote. */
export const COMMENT_THREADS_MAX = 2000;
export const COMMENT_REPLIES_MAX = 500;
