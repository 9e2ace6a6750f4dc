/**
 * A token bucket: `perSecond` messages a second on average, bursts up to twice that. Typing and
 * caret moves stay far below it; a client stuck in a loop or flooding does not.
 */
export class RateLimiter {
  readonly #perSecond: number;
  readonly #capacity: number;
  #tokens: number;
  #last: number;

  constructor(perSecond: number, now = performance.now()) {
    this.#perSecond = perSecond;
    this.#capacity = perSecond * 2;
    this.#tokens = this.#capacity;
    this.#last = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now = performance.now()): boolean {
    this.#tokens = Math.min(
      this.#capacity,
      this.#tokens + ((now - this.#last) / 1000) * this.#perSecond
    );
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
