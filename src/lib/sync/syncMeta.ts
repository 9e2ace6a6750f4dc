import * as idb from 'lib0/indexeddb';

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

export async function openSyncMeta(name = DB_NAME): Promise<SyncMeta> {
  const db = await idb.openDB(name, (created) =>
    idb.createStores(created, [[WORKSPACES], [ROOMS]])
  );
  return {
    async since(workspaceId) {
      const [store] = idb.transact(db, [WORKSPACES], 'readonly');
      const value = (await idb.get(store!, workspaceId)) as { since?: number } | undefined;
      return typeof value?.since === 'number' ? value.since : 0;
    },
    async setSince(workspaceId, clock) {
      const [store] = idb.transact(db, [WORKSPACES]);
      await idb.put(store!, { since: clock }, workspaceId);
    },
    async rooms(rooms) {
      const [store] = idb.transact(db, [ROOMS], 'readonly');
      // One transaction, requests issued together: IndexedDB pipelines them.
      const values = await Promise.all(rooms.map((room) => idb.get(store!, room)));
      const out = new Map<string, RoomMeta>();
      values.forEach((value, i) => {
        const meta = value as RoomMeta | undefined;
        if (meta && typeof meta.clock === 'number' && meta.stateVector instanceof Uint8Array) {
          out.set(rooms[i]!, meta);
        }
      });
      return out;
    },
    async setRooms(entries) {
      if (entries.size === 0) return;
      const [store] = idb.transact(db, [ROOMS]);
      await Promise.all([...entries].map(([room, meta]) => idb.put(store!, meta, room)));
    },
    close: () => db.close()
  };
}
