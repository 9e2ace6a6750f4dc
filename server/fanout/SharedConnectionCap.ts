import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';

/** A claim lives this long unless its instance renews it: a killed instance's claims lapse. */
const CLAIM_TTL_MS = 60_000;
const RENEW_EVERY_MS = 20_000;

/**
 * Drops lapsed claims, then takes one if the person holds fewer than the cap. One script, so two
 * instances admitting the same person at the same moment cannot both take the last place.
 * KEYS[1]: the person's claims (member: instance and connection, score: when it lapses).
 * ARGV: now, lapses at, cap, member, key ttl.
 */
const CLAIM = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

const keyOf = (userId: string) => `uzel:connections:${userId}`;

/** Counts a person's open websocket connections across instances, in Redis. */
export interface ConnectionCap {
  /** True when the person may open one more connection; the place is held until `release`. */
  claim(userId: string, connectionId: string): Promise<boolean>;
  release(userId: string, connectionId: string): void;
  /** Gives back every place this instance holds (on shutdown; a crash lets them lapse). */
  close(): Promise<void>;
}

/**
 * `MAX_CONNECTIONS_PER_USER` over every instance. Each claim is renewed by the instance holding
 * it, so the connections of an instance that died stop counting within a minute. While Redis is
 * away the relay's own count (per instance) still applies and this one lets connections in.
 */
export class RedisConnectionCap implements ConnectionCap {
  readonly #redis: Redis;
  readonly #instanceId: string;
  readonly #max: number;
  readonly #log: Logger;
  readonly #held = new Map<string, Set<string>>();
  readonly #renew: NodeJS.Timeout;

  constructor(redis: Redis, instanceId: string, max: number, log: Logger) {
    this.#redis = redis;
    this.#instanceId = instanceId;
    this.#max = max;
    this.#log = log;
    this.#renew = setInterval(() => this.#renewAll(), RENEW_EVERY_MS);
    this.#renew.unref();
  }

  #member(connectionId: string): string {
    return `${this.#instanceId}:${connectionId}`;
  }

  async claim(userId: string, connectionId: string): Promise<boolean> {
    const now = Date.now();
    let granted = true;
    try {
      const answer = await this.#redis.eval(
        CLAIM,
        1,
        keyOf(userId),
        now,
        now + CLAIM_TTL_MS,
        this.#max,
        this.#member(connectionId),
        CLAIM_TTL_MS
      );
      granted = answer === 1;
    } catch (err) {
      this.#log.warn('counting connections in Redis failed; this instance counts alone', {
        error: err instanceof Error ? err.message : String(err)
      });
    }
    if (granted) {
      const mine = this.#held.get(userId) ?? new Set<string>();
      mine.add(connectionId);
      this.#held.set(userId, mine);
    }
    return granted;
  }

  release(userId: string, connectionId: string): void {
    const mine = this.#held.get(userId);
    mine?.delete(connectionId);
    if (mine?.size === 0) this.#held.delete(userId);
    this.#redis.zrem(keyOf(userId), this.#member(connectionId)).catch(() => undefined);
  }

  #renewAll(): void {
    if (this.#held.size === 0 || this.#redis.status !== 'ready') return;
    const lapses = Date.now() + CLAIM_TTL_MS;
    const pipeline = this.#redis.pipeline();
    for (const [userId, connections] of this.#held) {
      for (const id of connections) pipeline.zadd(keyOf(userId), lapses, this.#member(id));
      pipeline.pexpire(keyOf(userId), CLAIM_TTL_MS);
    }
    pipeline.exec().catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.#renew);
    if (this.#redis.status !== 'ready') return;
    const pipeline = this.#redis.pipeline();
    for (const [userId, connections] of this.#held)
      for (const id of connections) pipeline.zrem(keyOf(userId), this.#member(id));
    this.#held.clear();
    await pipeline.exec().catch(() => undefined);
  }
}
