/** One stored update of a room, with the sequence number that orders it. */
export type StoredUpdate = { seq: number; data: Uint8Array };

/**
 * What a room needs to rebuild its state: the compacted state (if any) and the updates after it.
 * `clock` is the room's clock (see `RoomClock`), 0 for a room with nothing stored.
 */
export type StoredRoom = { snapshot: Uint8Array | null; updates: StoredUpdate[]; clock: number };

/** A stored room's parts in order, the snapshot (if any) first: what folding or merging reads. */
export function storedParts(stored: StoredRoom): Uint8Array[] {
  return stored.snapshot
    ? [stored.snapshot, ...stored.updates.map((u) => u.data)]
    : stored.updates.map((u) => u.data);
}

/**
 * A room's clock is the sequence number of the last update appended to it: it grows whenever the
 * room's content changes and never otherwise (compaction keeps the content, so it keeps the clock).
 * Clocks come from the one sequence that orders all appends, so "the rooms of a workspace with a
 * clock above C" is exactly what a client that synced up to C lacks. An engine must hand out
 * sequence numbers in commit order (SQLite's single writer does; PostgreSQL would take a lock).
 * `bytes` is roughly what is stored for the room (snapshot plus updates), for progress display.
 */
export type RoomClock = { room: string; clock: number; bytes: number };

/**
 * Yjs client ids an update is the first to write, bound to the person who wrote it (the account
 * or token subject, or the server's own identity). A binding is never moved: once a client id of
 * a room has a subject, a later claim of it by anyone is ignored (the relay refuses such updates
 * before they reach storage).
 */
export type ClientClaim = { subject: string; clients: number[] };

/** `claims`, when present, is stored in the same transaction as the update. */
export type AppendEntry = { room: string; update: Uint8Array; claims?: ClientClaim };

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
  /**
   * `append`, also telling each entry's room's clock just before it (the previous entry of that
   * room in the batch, or what was stored), read under the same lock that orders the sequence:
   * instances sharing a database pass it on, so a receiver can tell it missed an update. Optional:
   * only an engine several processes share needs it.
   */
  appendChained?(entries: AppendEntry[]): Promise<{ seq: number; prevSeq: number }[]>;
  /**
   * Who first wrote each Yjs client id of a room (from `AppendEntry.claims`), as client id →
   * subject; empty for an unknown room. Bindings are kept with the room and survive compaction.
   */
  clientOwners(room: string): Promise<Map<number, string>>;
  /**
   * Folds the stored snapshot and the stored updates into one snapshot, atomically, from the rows
   * it reads (never from a caller's in-memory state, which may lack an update another writer
   * committed meanwhile) and deleting only those rows: an update committed while it runs stays.
   */
  compact(room: string): Promise<void>;
  /** Rooms that have anything stored, optionally only those starting with `prefix`, sorted. */
  listRooms(prefix?: string): Promise<string[]>;
  /**
   * Rooms of one workspace (the part of the room name before `/`) whose clock is above `since`,
   * in ascending clock order, at most `limit` of them: a client pages on with the last clock.
   */
  changedRooms(workspaceId: string, since: number, limit: number): Promise<RoomClock[]>;
  /** One room's clock, 0 for a room with nothing stored: what `load` would report, without loading. */
  roomClock(room: string): Promise<number>;
  close(): Promise<void>;
}
