import { hashToken, randomToken } from './secrets.ts';
import type { SessionTable } from './store/AccountStore.ts';
import type { User } from './types.ts';

export type SessionGrant = { token: string; expiresAt: number };
export type ResolvedSession = { user: User; expiresAt: number; renewed: boolean };

/**
 * Sign-in sessions. The browser holds a random token; the store holds its SHA-256 hash. Expiry
 * slides: a session used in the second half of its life is extended by a full lifetime, so
 * someone who opens the app every week stays signed in, and one left unused for `ttlMs` is not.
 * Renewing only past half-life keeps most requests free of a write.
 */
export class Sessions {
  readonly #table: SessionTable;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(table: SessionTable, ttlMs: number, now: () => number) {
    this.#table = table;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  async create(userId: string): Promise<SessionGrant> {
    const now = this.#now();
    // Expired rows are cleared here, at sign-in, rather than by a timer nobody has to stop.
    await this.#table.purgeExpired(now);
    const token = randomToken();
    const expiresAt = now + this.#ttlMs;
    await this.#table.insert(hashToken(token), userId, now, expiresAt);
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<ResolvedSession | null> {
    if (token.length > 256) return null;
    const hash = hashToken(token);
    const row = await this.#table.get(hash);
    const now = this.#now();
    if (!row || row.expiresAt <= now) return null;
    if (row.expiresAt - now >= this.#ttlMs / 2) {
      return { user: row.user, expiresAt: row.expiresAt, renewed: false };
    }
    const expiresAt = now + this.#ttlMs;
    await this.#table.extend(hash, expiresAt);
    return { user: row.user, expiresAt, renewed: true };
  }

  /** When the session ends, or null if it has; unlike `resolve`, never extends it. */
  async expiresAt(token: string): Promise<number | null> {
    if (token.length > 256) return null;
    const row = await this.#table.get(hashToken(token));
    return row && row.expiresAt > this.#now() ? row.expiresAt : null;
  }

  async delete(token: string): Promise<void> {
    await this.#table.delete(hashToken(token));
  }

  /** Ends every session of a person but `keepToken`'s; answers the hashes of those it ended. */
  endAllFor(userId: string, keepToken: string | null): Promise<string[]> {
    return this.#table.deleteForUser(userId, keepToken === null ? null : hashToken(keepToken));
  }
}
