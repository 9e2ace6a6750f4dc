import type { WindowLimit, WindowLimitFactory } from './RateLimiter.ts';

/** Attempts allowed per account and per peer address in the first window. */
export type LoginLimit = { perEmail: number; perAddress: number; windowMs: number };

/**
 * Each further window allows twice the attempts over four times the time: 10 in 15 minutes,
 * 20 in an hour, 40 in four hours by default. Someone who keeps guessing waits longer and longer;
 * a person who mistypes a few times never notices.
 */
const TIERS = 3;

export type Tier = { limit: WindowLimit; max: number };

/**
 * Sign-in (and password check) limits, counted BEFORE the password is hashed: a burst of
 * concurrent guesses is cut at the allowance instead of all being checked (and hashed) first.
 * Attempts count per account and per address, in windows that grow. A browser that signed in to
 * the account before (`KnownDevices`) counts in an allowance of its own and not against its
 * address, so nobody can lock an owner out just by knowing the e-mail. Every count goes through
 * the window limits, which are shared through Redis when several instances run.
 */
export class SignInThrottle {
  readonly #account: Tier[];
  readonly #address: Tier[];

  constructor(makeLimit: WindowLimitFactory, limit: LoginLimit) {
    const tiers = (name: string, max: number) =>
      Array.from({ length: TIERS }, (_, i) => {
        const tierMax = max * 2 ** i;
        const windowMs = limit.windowMs * 4 ** i;
        return { limit: makeLimit(`${name}-${i}`, { max: tierMax, windowMs }), max: tierMax };
      });
    this.#account = tiers('login-account', limit.perEmail);
    this.#address = tiers('login-address', limit.perAddress);
  }

  /**
   * The key an attempt counts under: the e-mail, or the e-mail with the known device's id.
   * `deviceId` must come from a cookie `KnownDevices` recognised for this e-mail.
   */
  static accountKey(email: string, deviceId: string | null): string {
    return deviceId ? `device:${deviceId}:${email}` : `email:${email}`;
  }

  /**
   * Counts one attempt; answers 0 when it may go on to the password check, else the milliseconds
   * to wait. `address` is null for a known device.
   */
  async attempt(accountKey: string, address: string | null): Promise<number> {
    const counts = await Promise.all([
      ...this.#account.map((t) => count(t, accountKey)),
      ...(address === null ? [] : this.#address.map((t) => count(t, address)))
    ]);
    return Math.max(0, ...counts);
  }

  /** The right password: the account's count starts again, and the address gets its try back. */
  async succeeded(accountKey: string, address: string | null): Promise<void> {
    await Promise.all([
      ...this.#account.map((t) => t.limit.reset(accountKey)),
      ...(address === null ? [] : this.#address.map((t) => t.limit.forgive(address)))
    ]);
  }
}

/** Counts one attempt in a tier; the wait when it went past the tier's allowance, else 0. */
export async function count(tier: Tier, key: string): Promise<number> {
  const n = await tier.limit.hit(key);
  return n > tier.max ? Math.max(1, await tier.limit.retryAfter(key)) : 0;
}
