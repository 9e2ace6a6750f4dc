import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import * as Y from 'yjs';

/**
 * y-indexeddb adds one entry every time a doc is opened (the empty doc's state) and merges its
 * entries only after 500 of them *and* an edit: a document opened often and never edited grows
 * and loads ever slower. Past this many entries, opening merges them into one.
 */
export const COMPACT_ENTRIES = 64;

/** The IndexedDB database of a room, the same one SyncedDoc opens. */
export function localDbName(room: string): string {
  return `uzel:${room}`;
}

/**
 * Merges a long store into one entry; resolves once IndexedDB has it. Counts the entries itself:
 * y-indexeddb reports `synced` before it has counted them (`_dbsize` is still 0 then), and a
 * read transaction created now also waits for the one that loaded the doc.
 */
export async function compactIfLong(persistence: IndexeddbPersistence): Promise<void> {
  const db = persistence.db;
  if (!db) return;
  const entries = await new Promise<number>((resolve, reject) => {
    const request = db.transaction(['updates'], 'readonly').objectStore('updates').count();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  if (entries <= COMPACT_ENTRIES) return;
  await storeState(persistence, true);
  await flushPersistence(persistence);
}

/**
 * Resolves once every write queued so far is in IndexedDB: transactions on one store run in the
 * order they were created, so an empty read that completes comes after them.
 */
export async function flushPersistence(persistence: IndexeddbPersistence): Promise<void> {
  const db = persistence.db;
  if (!db) return;
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['updates'], 'readonly');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.objectStore('updates').count();
  });
}

/** Origin of updates the background sync writes: not a local edit. */
export const BACKGROUND_SYNC = Symbol('background-sync');

/**
 * A room's copy on this device, opened briefly by the background sync: read its state, write
 * what the server sent, close. Uses y-indexeddb itself, so the layout is exactly SyncedDoc's.
 */
export class LocalRoom {
  readonly room: string;
  readonly doc = new Y.Doc();
  readonly #persistence: IndexeddbPersistence;

  private constructor(room: string) {
    this.room = room;
    this.#persistence = new IndexeddbPersistence(localDbName(room), this.doc);
  }

  static async open(room: string): Promise<LocalRoom> {
    const local = new LocalRoom(room);
    await local.#persistence.whenSynced;
    await compactIfLong(local.#persistence);
    return local;
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** What a server with `serverState` lacks (everything when unknown); deletions always go. */
  changesFor(serverState: Uint8Array | null): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, serverState ?? undefined);
  }

  /** Writes the server's update into the doc and waits until IndexedDB has it. */
  async apply(update: Uint8Array): Promise<void> {
    Y.applyUpdate(this.doc, update, BACKGROUND_SYNC);
    await flushPersistence(this.#persistence);
  }

  async close(): Promise<void> {
    await flushPersistence(this.#persistence);
    await this.#persistence.destroy();
    this.doc.destroy();
  }
}
