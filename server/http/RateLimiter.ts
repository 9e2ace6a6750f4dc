/**
 * A count of events per key in a window, as the routes use it: the in-memory `RateLimiter` for
 * one instance, or one kept in Redis (`server/fanout/RedisWindowLimit.ts`) that every instance
 * counts into. The routes await each call, so either fits.
 */
export interface WindowLimit {
  /** Milliseconds until the key may try again, or 0 when it is not limited. */
  retryAfter(key: string): number | Promise<number>;
  /** Counts one event; answers how many the key has in its window now (this one included). */
  hit(key: string): number | Promise<number>;
  reset(key: string): void | Promise<void>;
  /** Takes one event back (an attempt that turned out fine). */
  forgive(key: string): void | Promise<void>;
}

/** Makes the limit called `name` (a key prefix where they are shared) with its size and window. */
export type WindowLimitFactory = (
  name: string,
  options: { max: number; windowMs: number }
) => WindowLimit;

/**
 * Counts events per key in a fixed window (failed sign-ins per e-mail and per address). Kept in
 * memory: a restart forgets the counts, which costs an attacker a restart they cannot cause. The
 * number of keys is bounded, so a flood of distinct keys cannot grow it without limit.
 */
export class RateLimiter implements WindowLimit {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #entries = new Map<string, { count: number; resetAt: number }>();

  constructor(options: { max: number; windowMs: number; now?: () => number; maxKeys?: number }) {
    this.#max = options.max;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  /** Milliseconds until the key may try again, or 0 when it is not limited. */
  retryAfter(key: string): number {
    const entry = this.#entries.get(key);
    const now = this.#now();
    if (!entry || entry.resetAt <= now || entry.count < this.#max) return 0;
    return entry.resetAt - now;
  }

  hit(key: string): number {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry && entry.resetAt > now) return ++entry.count;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxKeys) this.#prune(now);
    this.#entries.set(key, { count: 1, resetAt: now + this.#windowMs });
    return 1;
  }

  reset(key: string): void {
    this.#entries.delete(key);
  }

  forgive(key: string): void {
    const entry = this.#entries.get(key);
    if (entry && entry.count > 0) entry.count--;
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.resetAt <= now) this.#entries.delete(key);
    // Still full: forget the oldest windows (a Map iterates in insertion order).
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < this.#maxKeys) break;
      this.#entries.delete(key);
    }
  }
}
