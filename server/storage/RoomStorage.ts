/** One stored update of a room, with the sequence number that orders it. */
export type StoredUpdate = { seq: number; data: Uint8Array };

/** What a room needs to rebuild its state: the compacted state (if any) and the updates after it. */
export type StoredRoom = { snapshot: Uint8Array | null; updates: StoredUpdate[] };

export type AppendEntry = { room: string; update: Uint8Array };

/**
 * The contract every storage engine fulfils (SQLite here, PostgreSQL for scale-out). The relay
 * knows nothing else about persistence; `tests/unit/storage-contract.ts` runs against every engine.
 */
export interface RoomStorage {
  /** Everything stored for a room; an unknown room gives an empty result, not an error. */
  load(room: string): Promise<StoredRoom>;
  /**
   * Appends updates, possibly of several rooms, atomically: when the promise resolves every entry
   * is durable, when it rejects none is. Returns each entry's sequence number, in order.
   */
  append(entries: AppendEntry[]): Promise<number[]>;
  /** Replaces the snapshot and every update with `seq <= upToSeq` by `state`, atomically. */
  compact(room: string, state: Uint8Array, upToSeq: number): Promise<void>;
  /** Rooms that have anything stored, optionally only those starting with `prefix`, sorted. */
  listRooms(prefix?: string): Promise<string[]>;
  close(): Promise<void>;
}
