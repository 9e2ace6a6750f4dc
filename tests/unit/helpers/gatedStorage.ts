import type { AppendEntry, RoomStorage, StoredRoom } from '../../../server/storage/RoomStorage.ts';

/**
 * The real storage with a gate in front of its commits. SQLite commits within the same turn of
 * the event loop, too fast for a wrong order (forwarded or acknowledged before stored) to ever
 * show in a test; PostgreSQL over a network is not that fast. Holding the gate opens that window
 * on purpose, and everything still goes to the real engine.
 */
export class GatedStorage implements RoomStorage {
  readonly #inner: RoomStorage;
  #held = false;
  #waiting: (() => void)[] = [];

  constructor(inner: RoomStorage) {
    this.#inner = inner;
  }

  /** Commits wait from now on until `release()`. */
  hold(): void {
    this.#held = true;
  }

  release(): void {
    this.#held = false;
    for (const resume of this.#waiting.splice(0)) resume();
  }

  /** Appends the relay has started and that wait at the gate. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async append(entries: AppendEntry[]): Promise<number[]> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    return this.#inner.append(entries);
  }

  load(room: string): Promise<StoredRoom> {
    return this.#inner.load(room);
  }

  clientOwners(room: string): Promise<Map<number, string>> {
    return this.#inner.clientOwners(room);
  }

  compact(room: string): Promise<void> {
    return this.#inner.compact(room);
  }

  listRooms(prefix?: string): Promise<string[]> {
    return this.#inner.listRooms(prefix);
  }

  changedRooms(workspaceId: string, since: number, limit: number) {
    return this.#inner.changedRooms(workspaceId, since, limit);
  }

  roomClock(room: string): Promise<number> {
    return this.#inner.roomClock(room);
  }

  close(): Promise<void> {
    this.release();
    return this.#inner.close();
  }
}
