import type { AppendEntry, RoomStorage } from '../storage/RoomStorage.ts';

export type BatchItem<T> = AppendEntry & { context: T };

/**
 * Groups the updates that arrive in the same turn of the event loop into one storage transaction.
 * Batches are committed one after another, so updates are applied in the order they arrived.
 * Committing many small updates together is what keeps "commit before fan-out" cheap.
 */
export type BatchHooks<T> = {
  committed(items: BatchItem<T>[], seqs: number[]): void;
  failed(items: BatchItem<T>[], error: unknown): void;
};

export class WriteBatcher<T> {
  readonly #storage: RoomStorage;
  readonly #hooks: BatchHooks<T>;
  #queue: BatchItem<T>[] = [];
  #running: Promise<void> | null = null;

  constructor(storage: RoomStorage, hooks: BatchHooks<T>) {
    this.#storage = storage;
    this.#hooks = hooks;
  }

  enqueue(item: BatchItem<T>): void {
    this.#queue.push(item);
    // setImmediate runs after the poll phase, so frames read from every socket in this turn join.
    if (!this.#running)
      this.#running = new Promise((resolve) => setImmediate(() => resolve(this.#run())));
  }

  async #run(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      let seqs: number[];
      try {
        seqs = await this.#storage.append(batch);
      } catch (error) {
        this.#hooks.failed(batch, error);
        continue;
      }
      this.#hooks.committed(batch, seqs);
    }
    this.#running = null;
  }

  /** Resolves when everything enqueued so far has been committed (or has failed). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
  }
}
