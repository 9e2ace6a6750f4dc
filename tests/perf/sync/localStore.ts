/**
 * What a device keeps in IndexedDB: y-indexeddb's store per room, measured entry by entry. Uses
 * fake-indexeddb (the IndexedDB API in memory), so bytes are the values y-indexeddb writes, not
 * a browser's on-disk overhead, which differs per engine.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { LocalPersistence } from '../../../src/lib/sync/LocalPersistence.ts';
import * as Y from 'yjs';
import { compactIfLong, localDbName } from '../../../src/lib/sync/localRoom.ts';

export function freshDevice(): void {
  globalThis.indexedDB = new IDBFactory();
  globalThis.IDBKeyRange = IDBKeyRange;
}

export type StoreSize = { entries: number; bytes: number };

export async function roomStore(room: string): Promise<StoreSize> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(localDbName(room));
    req.onupgradeneeded = () => {
      req.result.createObjectStore('updates', { autoIncrement: true });
      req.result.createObjectStore('custom');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const values = await new Promise<Uint8Array[]>((resolve, reject) => {
    const req = db.transaction('updates', 'readonly').objectStore('updates').getAll();
    req.onsuccess = () => resolve(req.result as Uint8Array[]);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return { entries: values.length, bytes: values.reduce((sum, v) => sum + v.byteLength, 0) };
}

export async function storesOf(rooms: string[]): Promise<StoreSize> {
  const total: StoreSize = { entries: 0, bytes: 0 };
  for (const room of rooms) {
    const size = await roomStore(room);
    total.entries += size.entries;
    total.bytes += size.bytes;
  }
  return total;
}

/** Opens a room the way the app's SyncedDoc does, without editing, `times` times. */
export async function openWithoutEdits(
  room: string,
  times: number,
  compact: boolean
): Promise<void> {
  for (let i = 0; i < times; i++) {
    const doc = new Y.Doc();
    const persistence = new LocalPersistence(localDbName(room), doc);
    await persistence.whenSynced;
    if (compact) await compactIfLong(persistence);
    await persistence.destroy();
    doc.destroy();
  }
}
