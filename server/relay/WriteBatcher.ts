import type { AppendEntry, RoomStorage } from '../storage/RoomStorage.ts';

export type BatchItem<T> = AppendEntry & { context: T };

export type BatchHooks<T> = {
  /**
   * `previous[i]` is the clock entry i's room had in storage just before it, where the engine
   * tells (several instances on one database follow each other's rooms by it); null otherwise.
   */
  committed(items: BatchItem<T>[], seqs: number[], previous: number[] | null): void;
  failed(items: BatchItem<T>[], error: unknown): void;
  /** A hook threw: a bug, reported here so it cannot stop later batches. */
  hookThrew(error: unknown): void;
};

/**
 * Groups the updates that arrive close together into one storage transaction. Batches are
 * committed one after another, so updates are applied in the order they arrived. Committing
 * many small updates together is what keeps "commit before fan-out" cheap: with SQLite in
 * `synchronous=FULL` every commit waits for the disk, whatever its size.
 */
export class WriteBatcher<T> {
  readonly #storage: RoomStorage;
  readonly #hooks: BatchHooks<T>;
  readonly #windowMs: number;
  #queue: BatchItem<T>[] = [];
  #running: Promise<void> | null = null;

  /**
   * `windowMs` is how long a batch stays open for more updates once the first one arrived;
   * 0 commits after the current turn of the event loop (setImmediate, after every socket read).
   */
  constructor(storage: RoomStorage, hooks: BatchHooks<T>, windowMs = 0) {
    this.#storage = storage;
    this.#hooks = hooks;
    this.#windowMs = windowMs;
  }

  enqueue(item: BatchItem<T>): void {
    this.#queue.push(item);
    if (!this.#running) this.#schedule();
  }

  #schedule(): void {
    this.#running = new Promise((resolve) => {
      const start = () => resolve(this.#run());
      if (this.#windowMs > 0) setTimeout(start, this.#windowMs);
      else setImmediate(start);
    });
  }

  async #run(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        let seqs: number[];
        let previous: number[] | null = null;
        try {
          if (this.#storage.appendChained) {
            const chained = await this.#storage.appendChained(batch);
            seqs = chained.map((c) => c.seq);
            previous = chained.map((c) => c.prevSeq);
          } else seqs = await this.#storage.append(batch);
        } catch (error) {
          try {
            this.#hooks.failed(batch, error);
          } catch (hookError) {
            this.#hooks.hookThrew(hookError);
          }
          continue;
        }
        try {
          this.#hooks.committed(batch, seqs, previous);
        } catch (error) {
          this.#hooks.hookThrew(error);
        }
      }
    } finally {
      // Whatever a hook did, the next update must find the batcher ready, never stuck.
      this.#running = null;
      if (this.#queue.length > 0) this.#schedule();
    }
  }

  /** Resolves when everything enqueued so far has been committed (or has failed). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
  }
}
