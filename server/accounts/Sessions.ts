import type Database from 'better-sqlite3';
import { hashToken, randomToken } from './secrets.ts';

export type SessionGrant = { token: string; expiresAt: number };
export type ResolvedSession = { userId: string; expiresAt: number; renewed: boolean };

/**
 * Sign-in sessions. The browser holds a random token; the table holds its SHA-256 hash. Expiry
 * slides: a session used in the second half of its life is extended by a full lifetime, so
 * someone who opens the app every week stays signed in, and one left unused for `ttlMs` is not.
 * Renewing only past half-life keeps most requests free of a write.
 */
export class Sessions {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #insert: Database.Statement<[string, string, number, number]>;
  readonly #select: Database.Statement<[string], { user_id: string; expires_at: number }>;
  readonly #extend: Database.Statement<[number, string]>;
  readonly #delete: Database.Statement<[string]>;
  readonly #purge: Database.Statement<[number]>;

  constructor(db: Database.Database, ttlMs: number, now: () => number) {
    this.#ttlMs = ttlMs;
    this.#now = now;
    this.#insert = db.prepare(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
    );
    this.#select = db.prepare('SELECT user_id, expires_at FROM sessions WHERE token_hash = ?');
    this.#extend = db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?');
    this.#delete = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.#purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  create(userId: string): SessionGrant {
    const now = this.#now();
    // Expired rows are cleared here, at sign-in, rather than by a timer nobody has to stop.
    this.#purge.run(now);
    const token = randomToken();
    const expiresAt = now + this.#ttlMs;
    this.#insert.run(hashToken(token), userId, now, expiresAt);
    return { token, expiresAt };
  }

  resolve(token: string): ResolvedSession | null {
    if (token.length > 256) return null;
    const hash = hashToken(token);
    const row = this.#select.get(hash);
    const now = this.#now();
    if (!row || row.expires_at <= now) return null;
    if (row.expires_at - now >= this.#ttlMs / 2) {
      return { userId: row.user_id, expiresAt: row.expires_at, renewed: false };
    }
    const expiresAt = now + this.#ttlMs;
    this.#extend.run(expiresAt, hash);
    return { userId: row.user_id, expiresAt, renewed: true };
  }

  /** When the session ends, or null if it has; unlike `resolve`, never extends it. */
  expiresAt(token: string): number | null {
    if (token.length > 256) return null;
    const row = this.#select.get(hashToken(token));
    return row && row.expires_at > this.#now() ? row.expires_at : null;
  }

  delete(token: string): void {
    this.#delete.run(hashToken(token));
  }
}
