import type { AppendEntry, RoomStorage, StoredRoom, RoomClock } from '../storage/RoomStorage.ts';
import type { Metrics } from './Metrics.ts';

/**
 * Document storage as the relay sees it, with commits timed and failures counted on the way
 * through. A decorator rather than counters inside each engine: every engine gets the same
 * metrics, and the relay does not change.
 */
export class MeteredStorage implements RoomStorage {
  readonly #inner: RoomStorage;
  readonly #metrics: Metrics;
  /** Only where the engine has it: instances sharing rooms need each update's previous clock. */
  readonly appendChained?: RoomStorage['appendChained'];

  constructor(inner: RoomStorage, metrics: Metrics) {
    this.#inner = inner;
    this.#metrics = metrics;
    const chained = inner.appendChained?.bind(inner);
    if (chained) {
      this.appendChained = (entries) =>
        this.#counted('append', async () => {
          const started = performance.now();
          const result = await chained(entries);
          this.#metrics.committed(entries.length, (performance.now() - started) / 1000);
          return result;
        });
    }
  }

  async #counted<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      this.#metrics.storageFailed(operation);
      throw err;
    }
  }

  load(room: string): Promise<StoredRoom> {
    return this.#counted('load', () => this.#inner.load(room));
  }

  append(entries: AppendEntry[]): Promise<number[]> {
    return this.#counted('append', async () => {
      const started = performance.now();
      const seqs = await this.#inner.append(entries);
      this.#metrics.committed(entries.length, (performance.now() - started) / 1000);
      return seqs;
    });
  }

  clientOwners(room: string): Promise<Map<number, string>> {
    return this.#counted('owners', () => this.#inner.clientOwners(room));
  }

  compact(room: string): Promise<void> {
    return this.#counted('compact', () => this.#inner.compact(room));
  }

  listRooms(prefix?: string): Promise<string[]> {
    return this.#counted('list', () => this.#inner.listRooms(prefix));
  }

  changedRooms(workspaceId: string, since: number, limit: number): Promise<RoomClock[]> {
    return this.#counted('changes', () => this.#inner.changedRooms(workspaceId, since, limit));
  }

  roomClock(room: string): Promise<number> {
    return this.#counted('clock', () => this.#inner.roomClock(room));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
