import * as Y from 'yjs';
import { oncePerFrame } from '../scheduling/oncePerFrame.ts';
import { TaskBudget } from '../scheduling/TaskBudget.ts';
import { encodeStateAsSlices, SLICE_STRUCTS, structCount } from '../shared/protocol/stateSlices.ts';
import { idbRequest } from '../idb/request.ts';
import { takeEarlyRead, type StoredEntries } from './earlyRead.ts';

const UPDATES = 'updates';
const CUSTOM = 'custom';
/** Main-thread time spent applying stored updates before the page gets a turn. */
const TASK_BUDGET_MS = 12;
/** Updates stored one by one before they are merged (as y-indexeddb does at 500). */
const MERGE_AFTER_UPDATES = 500;
const MERGE_DELAY_MS = 1000;
/** An update this large is stored, then soon rewritten as slices so it never loads in one go. */
const SLICE_STORED_ABOVE_BYTES = 256 * 1024;

function openDatabase(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(UPDATES))
      db.createObjectStore(UPDATES, { autoIncrement: true });
    if (!db.objectStoreNames.contains(CUSTOM)) db.createObjectStore(CUSTOM);
  };
  return idbRequest(req);
}

/**
 * A Y.Doc's copy in IndexedDB, in y-indexeddb's layout (database per room, store `updates` of
 * Yjs updates under increasing keys, store `custom`), so a copy written by either reads in the
 * other. Unlike y-indexeddb it applies what it reads a few milliseconds at a time, the page
 * painting in between, and it merges a long store into slices (see `stateSlices.ts`) instead of
 * one update: a 10,000-document index opens without freezing the page.
 */
export class LocalPersistence {
  readonly name: string;
  readonly doc: Y.Doc;
  db: IDBDatabase | null = null;
  readonly whenSynced: Promise<void>;
  /** Stored entries at or after this key were written by others since we last read. */
  #nextKey = 0;
  #entries = 0;
  #mergeTimer: ReturnType<typeof setTimeout> | null = null;
  #destroyed = false;
  readonly #opened: Promise<IDBDatabase>;
  /** What the app read of this database as it started, if it did (see earlyRead.ts). */
  readonly #early: Promise<StoredEntries | null> | null;
  /** Updates waiting for the frame to be painted: written together, in one transaction. */
  #queued: Uint8Array[] = [];
  /** Settles when the queued updates are written (made when the first of them is queued). */
  #queuedWritten: Promise<void> | null = null;
  #settleQueued: { resolve: () => void; reject: (error: unknown) => void } | null = null;
  /** Settles when the last write started is done (transactions on a store finish in order). */
  #lastWritten: Promise<void> | null = null;
  /** Written once the frame that shows the update is painted, off the keystroke's path. */
  readonly #writeLater = oncePerFrame(() => this.#write(), { afterPaint: true });
  /** Without frames (Node, a worker) there is nothing to keep the write away from. */
  readonly #paints = typeof requestAnimationFrame === 'function' && typeof document === 'object';
  /** The page going away (reload, closing, a hidden tab that may be discarded) writes at once. */
  readonly #writeNow = (): void => this.#writeLater.flush();

  constructor(name: string, doc: Y.Doc) {
    this.name = name;
    this.doc = doc;
    this.#early = takeEarlyRead(name);
    this.#opened = this.#early
      ? this.#early.then(
          (early) => early?.db ?? openDatabase(name),
          () => openDatabase(name)
        )
      : openDatabase(name);
    doc.on('update', this.#store);
    doc.on('destroy', this.destroy);
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.#writeNow);
      document.addEventListener('visibilitychange', this.#writeNow);
    }
    this.whenSynced = this.#load();
  }

  async #load(): Promise<void> {
    const db = await this.#opened;
    if (this.#destroyed) return;
    this.db = db;
    // The database is being removed (signing out on a shared device): let it go.
    db.onversionchange = () => {
      db.close();
      this.db = null;
    };
    const early = await this.#early?.catch(() => null);
    const { updates, keys } =
      early?.db === db && structCount(this.doc) === 0 ? early : await this.#read(db);
    this.#nextKey = keys.length ? Number(keys.at(-1)) + 1 : 0;
    this.#entries = keys.length;
    // Reading a large store took a good part of this task already: apply from the next one.
    const bytes = (updates as Uint8Array[]).reduce((sum, update) => sum + update.length, 0);
    const budget = new TaskBudget(TASK_BUDGET_MS, bytes > SLICE_STORED_ABOVE_BYTES);
    for (const update of updates as Uint8Array[]) {
      if (budget.spent) await budget.pause();
      if (this.#destroyed) return;
      Y.applyUpdate(this.doc, update, this);
    }
  }

  /** Everything stored, after what the doc held before it was attached (stored the same way). */
  async #read(db: IDBDatabase): Promise<{ updates: Uint8Array[]; keys: IDBValidKey[] }> {
    const tx = db.transaction(UPDATES, 'readwrite');
    const store = tx.objectStore(UPDATES);
    if (structCount(this.doc) > 0)
      for (const slice of encodeStateAsSlices(this.doc)) store.add(slice);
    const [updates, keys] = await Promise.all([
      idbRequest(store.getAll()),
      idbRequest(store.getAllKeys())
    ]);
    return { updates: updates as Uint8Array[], keys };
  }

  readonly #store = (update: Uint8Array, origin: unknown): void => {
    if (!this.db || origin === this || this.#destroyed) return;
    this.#queue(update);
    if (++this.#entries < MERGE_AFTER_UPDATES && update.length <= SLICE_STORED_ABOVE_BYTES) return;
    if (this.#mergeTimer) clearTimeout(this.#mergeTimer);
    this.#mergeTimer = setTimeout(() => {
      this.#mergeTimer = null;
      void this.merge().catch(() => undefined);
    }, MERGE_DELAY_MS);
  };

  /**
   * Writes an update once the frame is painted: an IndexedDB transaction per keystroke was a
   * good part of each keystroke's work before its frame, and typing fast, the keystrokes of one
   * frame now share one transaction. The frame is at most ~16 ms away (100 ms in a tab that does
   * not paint), and leaving the page or hiding it writes at once, so a reload finds everything
   * typed; `flush`, `merge` and `destroy` write what waits first.
   */
  #queue(update: Uint8Array): void {
    if (this.#queued.length === 0) {
      this.#queuedWritten = new Promise<void>((resolve, reject) => {
        this.#settleQueued = { resolve, reject };
      });
      // Whoever waits for it sees a failure; nobody waiting is not an unhandled rejection.
      this.#queuedWritten.catch(() => undefined);
    }
    this.#queued.push(update);
    if (this.#paints) this.#writeLater.run();
    else this.#write();
  }

  #write(): void {
    const updates = this.#queued;
    const settle = this.#settleQueued;
    const written = this.#queuedWritten;
    this.#queued = [];
    this.#queuedWritten = null;
    this.#settleQueued = null;
    if (updates.length === 0 || !settle) return;
    this.#lastWritten = written;
    const db = this.db;
    if (!db) return settle.reject(new Error('IndexedDB closed'));
    try {
      const tx = db.transaction(UPDATES, 'readwrite');
      const store = tx.objectStore(UPDATES);
      for (const update of updates) store.add(update);
      tx.oncomplete = () => settle.resolve();
      tx.onerror = tx.onabort = () => settle.reject(tx.error);
    } catch (error) {
      settle.reject(error);
    }
  }

  /**
   * Resolves once the updates received so far are in IndexedDB, without hurrying those that wait
   * for the frame and without a transaction of its own: the "saved on this device" check
   * that follows every keystroke.
   */
  written(): Promise<void> {
    return this.#queuedWritten ?? this.#lastWritten ?? this.flush();
  }

  /**
   * Replaces the stored entries with the doc's state in slices. Entries another tab or the
   * background sync added are read in first, and entries added meanwhile are kept.
   */
  async merge(): Promise<void> {
    await this.whenSynced;
    const db = this.db;
    if (!db || this.#destroyed) return;
    // This frame's updates go first, so the slices written below are not followed by them again.
    this.#writeLater.flush();
    const tx = db.transaction(UPDATES, 'readwrite');
    const store = tx.objectStore(UPDATES);
    const [newer, lastKey] = await Promise.all([
      idbRequest(store.getAll(IDBKeyRange.lowerBound(this.#nextKey))),
      idbRequest(store.openKeyCursor(null, 'prev'))
    ]);
    // Applied at once: the transaction ends if this waited for another task.
    Y.transact(
      this.doc,
      () => {
        for (const update of newer as Uint8Array[]) Y.applyUpdate(this.doc, update, this);
      },
      this
    );
    const below = lastKey ? Number(lastKey.key) + 1 : this.#nextKey;
    const added = encodeStateAsSlices(this.doc).map((slice) => store.add(slice));
    store.delete(IDBKeyRange.upperBound(below, true));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    // Entries another tab adds from now on come after the slices, and the next merge reads them.
    this.#nextKey = Number(added.at(-1)!.result) + 1;
    this.#entries = added.length;
  }

  /**
   * Resolves once every write queued so far is in IndexedDB: the frame's pending updates are
   * written now, and transactions on one store run in the order they were created, so an empty
   * read that completes comes after them.
   */
  async flush(): Promise<void> {
    this.#writeLater.flush();
    const db = this.db;
    if (!db) return;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(UPDATES, 'readonly');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.objectStore(UPDATES).count();
    });
  }

  /** Merges when there are many more entries than the doc's slices: a store grown by edits. */
  async mergeIfLong(allowance: number): Promise<void> {
    await this.whenSynced;
    const slices = Math.ceil(structCount(this.doc) / SLICE_STRUCTS);
    if (this.#entries > slices + allowance) await this.merge();
  }

  readonly destroy = async (): Promise<void> => {
    if (this.#destroyed) return;
    // Written before the connection closes (close waits for the transactions it has).
    this.#writeLater.flush();
    this.#destroyed = true;
    if (this.#mergeTimer) clearTimeout(this.#mergeTimer);
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', this.#writeNow);
      document.removeEventListener('visibilitychange', this.#writeNow);
    }
    this.doc.off('update', this.#store);
    this.doc.off('destroy', this.destroy);
    const db = await this.#opened.catch(() => null);
    db?.close();
  };
}
