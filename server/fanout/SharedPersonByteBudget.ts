import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { MemoryPersonByteBudget, type PersonByteBudget } from '../relay/ByteBudget.ts';
import type { Logger } from '../log.ts';

/** The shared count's window: a person may send perSecond × this (or one burst, if more) in it. */
const WINDOW_SECONDS = 10;

/**
 * `USER_WRITE_BYTES_PER_SECOND` over every instance: a person whose connections the load balancer
 * spread over several instances gets one budget, not one per instance.
 *
 * The relay decides on each message at once, so this cannot wait for Redis: each instance keeps
 * its own bucket (which alone already bounds what it accepts), and adds every message's bytes to
 * the person's count in Redis (rate-limiter-flexible) as it goes. When Redis answers that the
 * count is spent, the person is refused on this instance until the window ends: the next message
 * closes that connection, at most one message late. While Redis is away only the local bucket counts.
 */
export class SharedPersonByteBudget implements PersonByteBudget {
  readonly #local: MemoryPersonByteBudget;
  readonly #shared: RateLimiterRedis;
  readonly #log: Logger;
  /** Subjects the shared count refused, and until when (ms since the epoch). */
  readonly #spentUntil = new Map<string, number>();

  constructor(redis: Redis, perSecond: number, burst: number, log: Logger) {
    this.#local = new MemoryPersonByteBudget(perSecond, burst);
    this.#shared = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'uzel:limit:person-bytes',
      points: Math.max(perSecond * WINDOW_SECONDS, burst),
      duration: WINDOW_SECONDS
    });
    this.#log = log;
  }

  take(subject: string, bytes: number): boolean {
    const until = this.#spentUntil.get(subject);
    if (until !== undefined) {
      if (Date.now() < until) return false;
      this.#spentUntil.delete(subject);
    }
    if (!this.#local.take(subject, bytes)) return false;
    this.#shared.consume(subject, bytes).catch((answer: unknown) => {
      if (answer instanceof RateLimiterRes)
        this.#spentUntil.set(subject, Date.now() + answer.msBeforeNext);
      else
        this.#log.debug('counting bytes in Redis failed; this instance counts alone', {
          error: answer instanceof Error ? answer.message : String(answer)
        });
    });
    return true;
  }
}
