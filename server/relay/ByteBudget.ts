/**
 * A token bucket counted in bytes: `perSecond` on average, bursts up to `burst` (at least one
 * largest message, so a person's first sync of offline work always fits).
 */
export class ByteBucket {
  readonly #perSecond: number;
  readonly #capacity: number;
  #tokens: number;
  #last: number;

  constructor(perSecond: number, burst: number, now = performance.now()) {
    this.#perSecond = perSecond;
    this.#capacity = Math.max(burst, perSecond);
    this.#tokens = this.#capacity;
    this.#last = now;
  }

  /** Takes `bytes`; false (taking nothing) when the bucket does not hold that many. */
  take(bytes: number, now = performance.now()): boolean {
    this.#refill(now);
    if (this.#tokens < bytes) return false;
    this.#tokens -= bytes;
    return true;
  }

  /** Full again: nothing is remembered for it. */
  isFull(now = performance.now()): boolean {
    this.#refill(now);
    return this.#tokens >= this.#capacity;
  }

  #refill(now: number): void {
    this.#tokens = Math.min(
      this.#capacity,
      this.#tokens + ((now - this.#last) / 1000) * this.#perSecond
    );
    this.#last = now;
  }
}

/**
 * Bytes a person may write per second across all their connections and reconnects, keyed by
 * subject. This one keeps them in memory; with Redis, fanout/SharedPersonByteBudget counts them
 * over every instance.
 */
export interface PersonByteBudget {
  /** Takes `bytes` from `subject`'s budget; false when it is spent. */
  take(subject: string, bytes: number): boolean;
}

/** Buckets that are full again are forgotten now and then, so memory follows active writers. */
const SWEEP_EVERY = 1000;

export class MemoryPersonByteBudget implements PersonByteBudget {
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, ByteBucket>();
  #takes = 0;

  constructor(perSecond: number, burst: number) {
    this.#perSecond = perSecond;
    this.#burst = burst;
  }

  take(subject: string, bytes: number): boolean {
    let bucket = this.#buckets.get(subject);
    if (!bucket) {
      bucket = new ByteBucket(this.#perSecond, this.#burst);
      this.#buckets.set(subject, bucket);
    }
    if (++this.#takes % SWEEP_EVERY === 0) {
      for (const [key, b] of this.#buckets)
        if (b !== bucket && b.isFull()) this.#buckets.delete(key);
    }
    return bucket.take(bytes);
  }
}
