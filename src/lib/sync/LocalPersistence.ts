import * as Y from 'yjs';
import { TaskBudget } from '../scheduling/TaskBudget.ts';
import { encodeStateAsSlices, SLICE_STRUCTS, structCount } from '../shared/protocol/stateSlices.ts';
import { idbRequest } from '../idb/request.ts';

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

  constructor(name: string, doc: Y.Doc) {
    this.name = name;
    this.doc = doc;
    this.#opened = openDatabase(name);
    doc.on('update', this.#store);
    doc.on('destroy', this.destroy);
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
    const tx = db.transaction(UPDATES, 'readwrite');
    const store = tx.objectStore(UPDATES);
    // What the doc held before it was attached (y-indexeddb stores it the same way).
    if (structCount(this.doc) > 0)
      for (const slice of encodeStateAsSlices(this.doc)) store.add(slice);
    const [updates, keys] = await Promise.all([
      idbRequest(store.getAll()),
      idbRequest(store.getAllKeys())
    ]);
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

  readonly #store = (update: Uint8Array, origin: unknown): void => {
    if (!this.db || origin === this || this.#destroyed) return;
    this.db.transaction(UPDATES, 'readwrite').objectStore(UPDATES).add(update);
    if (++this.#entries < MERGE_AFTER_UPDATES && update.length <= SLICE_STORED_ABOVE_BYTES) return;
    if (this.#mergeTimer) clearTimeout(this.#mergeTimer);
    this.#mergeTimer = setTimeout(() => {
      this.#mergeTimer = null;
      void this.merge().catch(() => undefined);
    }, MERGE_DELAY_MS);
  };

  /**
   * Replaces the stored entries with the doc's state in slices. Entries another tab or the
   * background sync added are read in first, and entries added meanwhile are kept.
   */
  async merge(): Promise<void> {
    await this.whenSynced;
    const db = this.db;
    if (!db || this.#destroyed) return;
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
   * Resolves once every write queued so far is in IndexedDB: transactions on one store run in
   * the order they were created, so an empty read that completes comes after them.
   */
  async flush(): Promise<void> {
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
    this.#destroyed = true;
    if (this.#mergeTimer) clearTimeout(this.#mergeTimer);
    this.doc.off('update', this.#store);
    this.doc.off('destroy', this.destroy);
    const db = await this.#opened.catch(() => null);
    db?.close();
  };
}
