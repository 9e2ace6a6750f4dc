import * as Y from 'yjs';
import { newId } from '../ids.ts';
import { documentRoots } from '../schema.ts';
import { mentionIds, normaliseCommentText } from './mentions.ts';
import { readThread } from './readThread.ts';
import {
  COMMENT_NAME_MAX_LENGTH,
  COMMENT_QUOTE_MAX_LENGTH,
  COMMENT_THREADS_MAX,
  MessageField,
  ThreadField,
  type CommentAnchor,
  type CommentAuthor,
  type CommentThread
} from './types.ts';

export type NewThread = {
  anchor: CommentAnchor;
  quote: string;
  author: CommentAuthor;
  text: string;
  now?: number;
};

/**
 * Typed access to a document's comment threads, which live in the document's own Y.Doc next to
 * its text: they travel, sync, merge and stay offline exactly like the text they talk about.
 * Who may delete what is a rule of the interface (one's own messages); the relay only knows
 * editors from viewers.
 */
export class CommentStore {
  readonly doc: Y.Doc;
  readonly #threads: Y.Map<unknown>;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.#threads = documentRoots.comments(doc);
  }

  /** Every readable thread, oldest first. */
  threads(): CommentThread[] {
    const out: CommentThread[] = [];
    for (const [id, entry] of this.#threads.entries()) {
      if (out.length >= COMMENT_THREADS_MAX) break;
      const thread = readThread(id, entry);
      if (thread) out.push(thread);
    }
    return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  get(id: string): CommentThread | null {
    return readThread(id, this.#threads.get(id));
  }

  /** Opens a thread on a range of the text; returns its id, or null for an empty comment. */
  create(thread: NewThread): string | null {
    const text = normaliseCommentText(thread.text);
    if (text === '') return null;
    const id = newId();
    const now = thread.now ?? Date.now();
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set(ThreadField.anchorStart, thread.anchor.start);
      entry.set(ThreadField.anchorEnd, thread.anchor.end);
      entry.set(ThreadField.quote, oneLineQuote(thread.quote));
      entry.set(ThreadField.authorId, thread.author.id);
      entry.set(ThreadField.authorName, name(thread.author));
      entry.set(ThreadField.createdAt, now);
      entry.set(ThreadField.resolvedAt, null);
      const replies = new Y.Array<Y.Map<unknown>>();
      replies.push([message(newId(), thread.author, text, now)]);
      entry.set(ThreadField.replies, replies);
      this.#threads.set(id, entry);
    });
    return id;
  }

  /**
   * Writes a thread as it was, id, authors and times included: what a restored archive brings
   * back. Messages keep their ids (read marks of the inbox refer to them); a deleted opening
   * comment comes back as its tombstone. A thread whose id is taken is left as it is.
   */
  restore(thread: CommentThread): boolean {
    if (this.#threads.has(thread.id) || thread.messages.length === 0) return false;
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      if (thread.anchor) {
        entry.set(ThreadField.anchorStart, thread.anchor.start);
        entry.set(ThreadField.anchorEnd, thread.anchor.end);
      }
      entry.set(ThreadField.quote, oneLineQuote(thread.quote));
      entry.set(ThreadField.authorId, thread.author.id);
      entry.set(ThreadField.authorName, name(thread.author));
      entry.set(ThreadField.createdAt, thread.createdAt);
      entry.set(ThreadField.resolvedAt, thread.resolved?.at ?? null);
      if (thread.resolved) {
        entry.set(ThreadField.resolvedById, thread.resolved.by.id);
        entry.set(ThreadField.resolvedByName, name(thread.resolved.by));
      }
      const replies = new Y.Array<Y.Map<unknown>>();
      replies.push(
        thread.messages.map((m) => {
          const entry = message(m.id, m.author, m.deleted ? '' : m.text, m.createdAt);
          if (m.deleted) entry.set(MessageField.deletedAt, m.createdAt);
          return entry;
        })
      );
      entry.set(ThreadField.replies, replies);
      this.#threads.set(thread.id, entry);
    });
    return true;
  }

  /** Adds a reply; returns its id, or null for an empty reply or a thread that is gone. */
  reply(threadId: string, author: CommentAuthor, text: string, now = Date.now()): string | null {
    const clean = normaliseCommentText(text);
    const replies = this.#replies(threadId);
    if (clean === '' || !replies) return null;
    const id = newId();
    replies.push([message(id, author, clean, now)]);
    return id;
  }

  resolve(threadId: string, by: CommentAuthor, now = Date.now()): void {
    this.#update(threadId, (entry) => {
      entry.set(ThreadField.resolvedAt, now);
      entry.set(ThreadField.resolvedById, by.id);
      entry.set(ThreadField.resolvedByName, name(by));
    });
  }

  reopen(threadId: string): void {
    this.#update(threadId, (entry) => entry.set(ThreadField.resolvedAt, null));
  }

  /**
   * Deletes one message. A reply goes away; the opening comment becomes a tombstone while others'
   * replies follow it (their words are not deleted with it), and a thread left with nothing but
   * tombstones is no longer shown. Its entry stays: a reply someone wrote offline meanwhile
   * lands in it and brings the thread back, where deleting the entry would lose that reply.
   */
  deleteMessage(threadId: string, messageId: string, now = Date.now()): void {
    const replies = this.#replies(threadId);
    if (!replies) return;
    this.doc.transact(() => {
      const items = replies.toArray();
      const index = items.findIndex(
        (m) => m instanceof Y.Map && m.get(MessageField.id) === messageId
      );
      if (index < 0) return;
      if (index === 0) (items[0] as Y.Map<unknown>).set(MessageField.deletedAt, now);
      else replies.delete(index, 1);
    });
  }

  /**
   * Signs every thread, message and resolution of `authorId` with `name` instead (a deleted
   * account's comments, 152-FZ); ids stay. True when anything changed.
   */
  renameAuthor(authorId: string, authorName: string): boolean {
    const next = name({ id: authorId, name: authorName });
    let changed = false;
    const rename = (entry: Y.Map<unknown>, idKey: string, nameKey: string) => {
      if (entry.get(idKey) !== authorId || entry.get(nameKey) === next) return;
      entry.set(nameKey, next);
      changed = true;
    };
    this.doc.transact(() => {
      for (const entry of this.#threads.values()) {
        if (!(entry instanceof Y.Map)) continue;
        rename(entry, ThreadField.authorId, ThreadField.authorName);
        rename(entry, ThreadField.resolvedById, ThreadField.resolvedByName);
        const replies = entry.get(ThreadField.replies);
        if (!(replies instanceof Y.Array)) continue;
        for (const m of replies.toArray()) {
          if (m instanceof Y.Map) rename(m, MessageField.authorId, MessageField.authorName);
        }
      }
    });
    return changed;
  }

  /** Calls `listener` after any change to the comments, local or remote. */
  observe(listener: () => void): () => void {
    const handler = () => listener();
    this.#threads.observeDeep(handler);
    return () => this.#threads.unobserveDeep(handler);
  }

  #replies(threadId: string): Y.Array<unknown> | null {
    const entry = this.#threads.get(threadId);
    const replies = entry instanceof Y.Map ? entry.get(ThreadField.replies) : null;
    return replies instanceof Y.Array ? replies : null;
  }

  #update(threadId: string, change: (entry: Y.Map<unknown>) => void): void {
    const entry = this.#threads.get(threadId);
    if (entry instanceof Y.Map) this.doc.transact(() => change(entry));
  }
}

function name(author: CommentAuthor): string {
  return author.name.replace(/\s+/g, ' ').trim().slice(0, COMMENT_NAME_MAX_LENGTH);
}

function oneLineQuote(quote: string): string {
  return quote.replace(/\s+/g, ' ').trim().slice(0, COMMENT_QUOTE_MAX_LENGTH);
}

function message(id: string, author: CommentAuthor, text: string, now: number): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set(MessageField.id, id);
  entry.set(MessageField.authorId, author.id);
  entry.set(MessageField.authorName, name(author));
  entry.set(MessageField.text, text);
  entry.set(MessageField.createdAt, now);
  entry.set(MessageField.mentions, mentionIds(text));
  entry.set(MessageField.deletedAt, null);
  return entry;
}
