import { hashToken, randomToken } from './secrets.ts';
import type { ResetTable } from './store/AccountStore.ts';

/** Where a reset link opens in the app (the token in the query, as invite links carry theirs). */
export function resetPagePath(token: string): string {
  return `/reset?token=${encodeURIComponent(token)}`;
}

export type ResetStatus = 'valid' | 'expired' | 'used';

/**
 * One-time password reset links. Like invites, only a hash of the token is kept, so a copy of the
 * database opens no account; a link works once and until it expires.
 */
export class ResetLinks {
  readonly #table: ResetTable;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(table: ResetTable, ttlMs: number, now: () => number) {
    this.#table = table;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  async create(userId: string): Promise<{ token: string; expiresAt: number }> {
    const token = randomToken();
    const now = this.#now();
    const expiresAt = now + this.#ttlMs;
    await this.#table.insert(hashToken(token), userId, now, expiresAt);
    return { token, expiresAt };
  }

  /** Whose link this is and whether it still works, or null for a token we never issued. */
  async lookup(token: string): Promise<{ userId: string; status: ResetStatus } | null> {
    if (token.length > 256) return null;
    const row = await this.#table.byTokenHash(hashToken(token));
    if (!row) return null;
    const status =
      row.usedAt !== null ? 'used' : row.expiresAt <= this.#now() ? 'expired' : 'valid';
    return { userId: row.userId, status };
  }
}

/** Marks the link used if it still works; through the transaction's table when in one. */
export function useResetLink(table: ResetTable, token: string, now: number): Promise<boolean> {
  return token.length > 256 ? Promise.resolve(false) : table.use(hashToken(token), now);
}
