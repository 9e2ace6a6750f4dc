import { createSubscriber, SvelteMap } from 'svelte/reactivity';
import * as Y from 'yjs';
import { CommentStore } from '../shared/model/comments/CommentStore.ts';
import { documentRoots, INDEX_DOC_ID, roomName } from '../shared/model/schema.ts';
import { openDocs, subscribeOpenDocs } from '../sync/docPool.ts';
import { inboxItems, newestFirst, type InboxItem } from '../shared/model/notifications/inbox.ts';
import { NotificationReads } from '../shared/model/notifications/NotificationReads.ts';
import { TaskBudget } from '../scheduling/TaskBudget.ts';
import { afterOpening } from '../scheduling/afterOpening.ts';
import { readStoredDoc } from '../search/storedDocs.ts';
import type { Workspace } from './workspace.svelte.ts';

/** Main-thread time per piece of the first reading of every document's comments. */
const SCAN_SLICE_MS = 12;

/**
 * The «Уведомления» inbox of the open workspace: mentions of the signed-in person and replies in
 * threads they wrote in, gathered from every document's comments as this device holds them
 * (the background sync keeps them all here), so it works offline and needs no server of its own.
 * A document is read again when its copy on the device changes; read marks live in the index.
 */
class Inbox {
  // State, so that a count read before the workspace opened is read again when it does.
  #workspace = $state.raw<Workspace | null>(null);
  #userId = $state.raw<string | null>(null);
  #reads = $state.raw<NotificationReads | null>(null);
  readonly #byDoc = new SvelteMap<string, InboxItem[]>();
  #generation = 0;
  #subscribeReads: () => void = () => undefined;
  /** Documents read (or being read) in this generation; the rest wait for the next pass. */
  #scanned = new Set<string>();
  #scanning = false;
  #stopIndex: () => void = () => undefined;
  #stopPool: () => void = () => undefined;
  /** Documents open on this page (also lingering ones), whose comments are heard live. */
  readonly #watched = new Map<Y.Doc, () => void>();

  /** Starts reading the workspace's documents for `userId`; a new call replaces the old one. */
  show(workspace: Workspace | null, userId: string | null): void {
    if (workspace === this.#workspace && userId === this.#userId) return;
    this.#generation++;
    this.#stopIndex();
    this.#stopIndex = () => undefined;
    this.#stopPool();
    this.#stopPool = () => undefined;
    this.#unwatch(() => true);
    this.#workspace = workspace;
    this.#userId = userId;
    this.#byDoc.clear();
    this.#scanned = new Set();
    this.#scanning = false;
    if (!workspace || !userId) {
      this.#reads = null;
      this.#subscribeReads = () => undefined;
      return;
    }
    // A viewer cannot write the index (the relay drops it): their marks stay on this device.
    const reads = new NotificationReads(
      workspace.canWrite ? workspace.indexLease.doc.doc : deviceReadsDoc(workspace.id, userId)
    );
    this.#reads = reads;
    this.#subscribeReads = createSubscriber((update) => reads.observe(update));
    // The index arrives from the device and the server in pieces: each new document is read.
    this.#stopIndex = workspace.index.observe(() => void this.#scan(this.#generation));
    this.#stopPool = subscribeOpenDocs(() => this.#watchOpenDocs());
    this.#watchOpenDocs();
    void this.#scan(this.#generation);
  }

  /**
   * A document open here gets its updates over the websocket, not from the background sync
   * (which skips live rooms): its comments are observed directly while it stays open.
   */
  #watchOpenDocs(): void {
    const workspace = this.#workspace;
    if (!workspace) return;
    const prefix = `${workspace.id}/`;
    const open = openDocs()
      .filter((d) => d.room.startsWith(prefix) && d.room !== roomName(workspace.id, INDEX_DOC_ID))
      .map((d) => [d.doc, d.room.slice(prefix.length)] as const);
    this.#unwatch((doc) => !open.some(([d]) => d === doc));
    for (const [doc, docId] of open) {
      if (this.#watched.has(doc)) continue;
      const comments = documentRoots.comments(doc);
      const read = () => this.documentChanged(workspace.id, docId, doc);
      comments.observeDeep(read);
      this.#watched.set(doc, () => comments.unobserveDeep(read));
      // Known only when the copy has loaded (read from the device, or an update arrives).
      if (comments.size > 0) read();
    }
  }

  #unwatch(which: (doc: Y.Doc) => boolean): void {
    for (const [doc, stop] of this.#watched) {
      if (!which(doc)) continue;
      stop();
      this.#watched.delete(doc);
    }
  }

  /** A document's copy changed (the background sync wrote it, or it is open and changed). */
  documentChanged(workspaceId: string, docId: string, doc: Y.Doc): void {
    if (workspaceId !== this.#workspace?.id || !this.#userId) return;
    this.#put(docId, inboxItems(docId, new CommentStore(doc).threads(), this.#userId));
  }

  /** Every item, newest first, of documents not in the bin. */
  get items(): InboxItem[] {
    const workspace = this.#workspace;
    if (!workspace) return [];
    const live = new Set(workspace.documents.tree.active().map((d) => d.id));
    return [...this.#byDoc.entries()]
      .filter(([docId]) => live.has(docId))
      .flatMap(([, items]) => items)
      .sort(newestFirst);
  }

  get unreadCount(): number {
    return this.items.filter((item) => !this.isRead(item)).length;
  }

  isRead(item: InboxItem): boolean {
    this.#subscribeReads();
    return !this.#userId || !this.#reads ? true : this.#reads.isRead(this.#userId, item);
  }

  markRead(item: InboxItem): void {
    if (this.#userId) this.#reads?.markRead(this.#userId, item.id);
  }

  markAllRead(): void {
    const newest = this.items[0];
    if (newest && this.#userId) this.#reads?.markAllRead(this.#userId, newest.createdAt);
  }

  #put(docId: string, items: InboxItem[]): void {
    const before = this.#byDoc.get(docId);
    if ((before?.length ?? 0) === 0 && items.length === 0) return;
    this.#byDoc.set(docId, items);
  }

  /**
   * Reads the stored copy of each document not read yet, yielding to the page between pieces;
   * one pass at a time, repeated while the index names documents it has not read.
   */
  async #scan(generation: number): Promise<void> {
    if (this.#scanning || typeof indexedDB === 'undefined') return;
    const workspace = this.#workspace!;
    const userId = this.#userId!;
    this.#scanning = true;
    try {
      await afterOpening();
      const budget = new TaskBudget(SCAN_SLICE_MS, true);
      for (;;) {
        const next = workspace.index.all().filter((d) => !this.#scanned.has(d.id));
        if (next.length === 0) return;
        for (const meta of next) {
          if (budget.spent) await budget.pause();
          if (generation !== this.#generation) return;
          this.#scanned.add(meta.id);
          if (this.#byDoc.has(meta.id)) continue; // Already read from a fresher copy.
          const doc = await readStoredDoc(indexedDB, workspace.id, meta.id).catch(() => null);
          if (!doc) continue; // Not on this device yet: the background sync will bring it.
          if (generation === this.#generation)
            this.#put(meta.id, inboxItems(meta.id, new CommentStore(doc).threads(), userId));
          doc.destroy();
        }
      }
    } finally {
      if (generation === this.#generation) this.#scanning = false;
    }
  }
}

/** A viewer's read marks: a small Y.Doc kept in localStorage, in the same shape as the index's. */
function deviceReadsDoc(workspaceId: string, userId: string): Y.Doc {
  const key = `uzel:notification-reads:${workspaceId}:${userId}`;
  const doc = new Y.Doc();
  try {
    const saved = localStorage.getItem(key);
    if (saved)
      Y.applyUpdate(
        doc,
        Uint8Array.from(atob(saved), (c) => c.charCodeAt(0))
      );
  } catch {
    // A damaged or missing copy: everything reads as unread again, nothing else is lost.
  }
  doc.on('update', () => {
    try {
      localStorage.setItem(key, btoa(String.fromCharCode(...Y.encodeStateAsUpdate(doc))));
    } catch {
      // Without storage the marks last for this visit.
    }
  });
  return doc;
}

export const inbox = new Inbox();
