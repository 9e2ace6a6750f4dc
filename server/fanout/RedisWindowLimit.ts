import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { WindowLimit, WindowLimitFactory } from '../http/RateLimiter.ts';
import type { Logger } from '../log.ts';

/**
 * A window limit every instance counts into, kept in Redis by rate-limiter-flexible: failed
 * sign-ins spread over instances by the load balancer add up. While Redis is away each instance
 * counts in its own memory (the library's insurance limiter), never letting everything through.
 */
export class RedisWindowLimit implements WindowLimit {
  readonly #limiter: RateLimiterRedis;
  readonly #insurance: RateLimiterMemory;
  readonly #max: number;
  readonly #log: Logger;

  constructor(redis: Redis, name: string, max: number, windowMs: number, log: Logger) {
    const duration = Math.max(1, Math.ceil(windowMs / 1000));
    this.#insurance = new RateLimiterMemory({ points: max, duration });
    this.#limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `uzel:limit:${name}`,
      points: max,
      duration,
      insuranceLimiter: this.#insurance
    });
    this.#max = max;
    this.#log = log;
  }

  async retryAfter(key: string): Promise<number> {
    let state;
    try {
      state = await this.#limiter.get(key);
    } catch (err) {
      this.#log.debug('reading a shared limit failed; counting here', { error: String(err) });
      state = await this.#insurance.get(key);
    }
    if (!state || state.consumedPoints < this.#max) return 0;
    return Math.max(1, state.msBeforeNext);
  }

  async hit(key: string): Promise<number> {
    // penalty() counts without refusing, atomically in Redis, and answers the count: concurrent
    // attempts each see their own place. The insurance limiter takes over when Redis fails.
    const state = await this.#limiter.penalty(key, 1).catch(() => this.#insurance.penalty(key, 1));
    return state.consumedPoints;
  }

  async forgive(key: string): Promise<void> {
    await this.#limiter.reward(key, 1).catch(() => this.#insurance.reward(key, 1));
  }

  async reset(key: string): Promise<void> {
    await this.#limiter.delete(key).catch(() => this.#insurance.delete(key));
  }
}

export function redisWindowLimits(redis: Redis, log: Logger): WindowLimitFactory {
  return (name, { max, windowMs }) => new RedisWindowLimit(redis, name, max, windowMs, log);
}
