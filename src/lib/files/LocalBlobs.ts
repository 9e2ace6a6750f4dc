import { idbRequest } from '../idb/request.ts';

/**
 * Blobs on this device, in IndexedDB (`uzel-blobs`, apart from the documents' databases): the
 * bytes keyed by hash, and the uploads still owed to the server keyed by workspace and hash. A
 * file is here before it is anywhere else, so a document written offline shows its images.
 */
export const BLOBS_DB = 'uzel-blobs';
const VERSION = 1;

export type LocalBlob = { hash: string; type: string; size: number; data: ArrayBuffer };

export type PendingUpload = {
  workspaceId: string;
  hash: string;
  /** Set when the server refused it for good (too large, quota); the person may retry. */
  error: string | null;
  addedAt: number;
};

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

export class LocalBlobs {
  readonly #factory: IDBFactory;
  #opened: Promise<IDBDatabase> | null = null;

  constructor(factory: IDBFactory = indexedDB) {
    this.#factory = factory;
  }

  /** The database, opened again after it was closed for its removal (signing out, see deviceCopy). */
  get #db(): Promise<IDBDatabase> {
    if (this.#opened) return this.#opened;
    const open = this.#factory.open(BLOBS_DB, VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('blobs', { keyPath: 'hash' });
      db.createObjectStore('uploads', { keyPath: ['workspaceId', 'hash'] });
    };
    this.#opened = idbRequest(open).then((db) => {
      db.onversionchange = () => {
        db.close();
        this.#opened = null;
      };
      return db;
    });
    this.#opened.catch(() => (this.#opened = null));
    return this.#opened;
  }

  async get(hash: string): Promise<LocalBlob | null> {
    const db = await this.#db;
    const found = await idbRequest(db.transaction('blobs').objectStore('blobs').get(hash));
    return (found as LocalBlob | undefined) ?? null;
  }

  async has(hash: string): Promise<boolean> {
    const db = await this.#db;
    return (await idbRequest(db.transaction('blobs').objectStore('blobs').count(hash))) > 0;
  }

  /** Keeps the bytes and, when `upload` names a workspace, owes that workspace an upload. */
  async put(blob: LocalBlob, upload?: { workspaceId: string; now: number }): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction(['blobs', 'uploads'], 'readwrite');
    tx.objectStore('blobs').put(blob);
    if (upload) {
      const pending: PendingUpload = {
        workspaceId: upload.workspaceId,
        hash: blob.hash,
        error: null,
        addedAt: upload.now
      };
      tx.objectStore('uploads').put(pending);
    }
    await done(tx);
  }

  async pending(): Promise<PendingUpload[]> {
    const db = await this.#db;
    const all = await idbRequest(db.transaction('uploads').objectStore('uploads').getAll());
    return (all as PendingUpload[]).sort((a, b) => a.addedAt - b.addedAt);
  }

  async pendingFor(workspaceId: string, hash: string): Promise<PendingUpload | null> {
    const db = await this.#db;
    const found = await idbRequest(
      db.transaction('uploads').objectStore('uploads').get([workspaceId, hash])
    );
    return (found as PendingUpload | undefined) ?? null;
  }

  async markFailed(workspaceId: string, hash: string, error: string | null): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction('uploads', 'readwrite');
    const store = tx.objectStore('uploads');
    const found = (await idbRequest(store.get([workspaceId, hash]))) as PendingUpload | undefined;
    if (found) store.put({ ...found, error });
    await done(tx);
  }

  async uploaded(workspaceId: string, hash: string): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction('uploads', 'readwrite');
    tx.objectStore('uploads').delete([workspaceId, hash]);
    await done(tx);
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}
