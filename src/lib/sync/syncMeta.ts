import { idbRequest } from '../idb/request.ts';

/** What this device knows of a room on the server after its last exchange. */
export type RoomMeta = { clock: number; stateVector: Uint8Array };

/**
 * The clocks this device has synced, kept in IndexedDB (`uzel-sync`): per workspace the clock up
 * to which every changed room was exchanged, and per room the clock and the server's state vector
 * of its last exchange. The state vector lets the next push send only what the server lacks.
 */
export interface SyncMeta {
  since(workspaceId: string): Promise<number>;
  setSince(workspaceId: string, clock: number): Promise<void>;
  rooms(rooms: string[]): Promise<Map<string, RoomMeta>>;
  setRooms(entries: Map<string, RoomMeta>): Promise<void>;
  close(): void;
}

const DB_NAME = 'uzel-sync';
const WORKSPACES = 'workspaces';
const ROOMS = 'rooms';

/** Resolves when a write transaction is committed (not merely when its requests succeeded). */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function openSyncMeta(name = DB_NAME): Promise<SyncMeta> {
  const opening = indexedDB.open(name, 1);
  opening.onupgradeneeded = () => {
    opening.result.createObjectStore(WORKSPACES);
    opening.result.createObjectStore(ROOMS);
  };
  const db = await idbRequest(opening);
  // Another tab upgrading the schema later: let it, this page reopens on its next load.
  db.onversionchange = () => db.close();
  return {
    async since(workspaceId) {
      const store = db.transaction(WORKSPACES, 'readonly').objectStore(WORKSPACES);
      const value = (await idbRequest(store.get(workspaceId))) as { since?: unknown } | undefined;
      return typeof value?.since === 'number' ? value.since : 0;
    },
    async setSince(workspaceId, clock) {
      const tx = db.transaction(WORKSPACES, 'readwrite');
      tx.objectStore(WORKSPACES).put({ since: clock }, workspaceId);
      await committed(tx);
    },
    async rooms(rooms) {
      const store = db.transaction(ROOMS, 'readonly').objectStore(ROOMS);
      // One transaction, requests issued together: IndexedDB pipelines them.
      const values = await Promise.all(rooms.map((room) => idbRequest(store.get(room))));
      const out = new Map<string, RoomMeta>();
      values.forEach((value, i) => {
        const meta = value as Partial<RoomMeta> | undefined;
        if (typeof meta?.clock === 'number' && meta.stateVector instanceof Uint8Array) {
          out.set(rooms[i]!, { clock: meta.clock, stateVector: meta.stateVector });
        }
      });
      return out;
    },
    async setRooms(entries) {
      if (entries.size === 0) return;
      const tx = db.transaction(ROOMS, 'readwrite');
      const store = tx.objectStore(ROOMS);
      for (const [room, meta] of entries) store.put(meta, room);
      await committed(tx);
    },
    close: () => db.close()
  };
}
