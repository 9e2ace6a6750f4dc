import { ANALYSER_VERSION } from './analyser.ts';
import type { IndexedDocument } from './types.ts';

/**
 * The search index of one workspace kept on this device, in its own IndexedDB database
 * (`uzel-search-<workspaceId>`): the serialised MiniSearch index and the documents it was built
 * from, written together in one transaction so they always agree.
 */

const DB_VERSION = 1;
const STATE = 'state';
const DOCS = 'docs';
const ENGINE_KEY = 'engine';
/** Bump when the stored shape changes; together with the analyser version it decides reuse. */
const FORMAT = 1;

export type StoredIndex = { json: string; docs: IndexedDocument[] };

type EngineRecord = { format: number; analyser: number; json: string };

export function searchDbName(workspaceId: string): string {
  return `uzel-search-${workspaceId}`;
}

export class IndexStore {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  static open(idb: IDBFactory, workspaceId: string): Promise<IndexStore> {
    return new Promise((resolve, reject) => {
      const request = idb.open(searchDbName(workspaceId), DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(STATE)) db.createObjectStore(STATE);
        if (!db.objectStoreNames.contains(DOCS)) db.createObjectStore(DOCS, { keyPath: 'id' });
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the schema: let it, this copy reopens on next start.
        db.onversionchange = () => db.close();
        resolve(new IndexStore(db));
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('The search database is blocked by another tab'));
    });
  }

  /** The saved index, or null when there is none or it was built by another analyser. */
  async load(): Promise<StoredIndex | null> {
    const tx = this.#db.transaction([STATE, DOCS], 'readonly');
    const engine = tx.objectStore(STATE).get(ENGINE_KEY);
    const docs = tx.objectStore(DOCS).getAll();
    await done(tx);
    const record = engine.result as EngineRecord | undefined;
    if (!record || record.format !== FORMAT || record.analyser !== ANALYSER_VERSION) return null;
    if (typeof record.json !== 'string') return null;
    return { json: record.json, docs: docs.result as IndexedDocument[] };
  }

  /** Writes the index with the documents put and removed since the last save, atomically. */
  async save(json: string, put: IndexedDocument[], removed: string[]): Promise<void> {
    const tx = this.#db.transaction([STATE, DOCS], 'readwrite');
    const record: EngineRecord = { format: FORMAT, analyser: ANALYSER_VERSION, json };
    tx.objectStore(STATE).put(record, ENGINE_KEY);
    const docs = tx.objectStore(DOCS);
    for (const id of removed) docs.delete(id);
    for (const doc of put) docs.put(doc);
    await done(tx);
  }

  /** Forgets everything (an index from another analyser version is rebuilt from scratch). */
  async clear(): Promise<void> {
    const tx = this.#db.transaction([STATE, DOCS], 'readwrite');
    tx.objectStore(STATE).clear();
    tx.objectStore(DOCS).clear();
    await done(tx);
  }

  close(): void {
    this.#db.close();
  }
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
