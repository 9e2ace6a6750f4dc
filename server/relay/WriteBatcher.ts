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
 * `synchronous=FULL` every commit waits for the disk and costs the kernel a flush, whatever its
 * size, so per update a transaction of 30 costs a fraction of one of 3 (see tests/perf/RESULTS.md).
 *
 * While a commit is in flight (storage works off the event loop) the next updates gather; the
 * next commit starts once it is done and at least `periodMs` after the previous one started.
 * An update that finds the batcher idle for longer than that is committed after the current
 * turn of the event loop: a lone writer is not kept waiting, a busy relay commits less often.
 */
export class WriteBatcher<T> {
  readonly #storage: RoomStorage;
  readonly #hooks: BatchHooks<T>;
  readonly #periodMs: number;
  #queue: BatchItem<T>[] = [];
  #running: Promise<void> | null = null;
  #lastStart = -Infinity;

  /** `periodMs` is the shortest time between the starts of two commits (0: none). */
  constructor(storage: RoomStorage, hooks: BatchHooks<T>, periodMs = 0) {
    this.#storage = storage;
    this.#hooks = hooks;
    this.#periodMs = periodMs;
  }

  enqueue(item: BatchItem<T>): void {
    this.#queue.push(item);
    if (!this.#running) this.#schedule();
  }

  #schedule(): void {
    this.#running = new Promise((resolve) => setImmediate(() => resolve(this.#run())));
  }

  async #run(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const wait = this.#lastStart + this.#periodMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        this.#lastStart = performance.now();
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
