import type Database from 'better-sqlite3';
import type { ResetTable, StoredReset } from './AccountStore.ts';
import type { Write } from './sqliteWrite.ts';

export function prepareResets(db: Database.Database) {
  return {
    insert: db.prepare<[string, string, number, number]>(
      'INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
    ),
    byHash: db.prepare<[string], { user_id: string; expires_at: number; used_at: number | null }>(
      'SELECT user_id, expires_at, used_at FROM password_resets WHERE token_hash = ?'
    ),
    use: db.prepare<[number, string, number]>(
      `UPDATE password_resets SET used_at = ?
       WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`
    )
  };
}

export type ResetStatements = ReturnType<typeof prepareResets>;

/** Password reset links in `accounts.sqlite` (`password_resets`). */
export class SqliteResets implements ResetTable {
  constructor(
    private readonly s: ResetStatements,
    private readonly write: Write
  ) {}

  async insert(tokenHash: string, userId: string, now: number, expiresAt: number) {
    await this.write(() => this.s.insert.run(tokenHash, userId, now, expiresAt));
  }

  async byTokenHash(tokenHash: string): Promise<StoredReset | null> {
    const row = this.s.byHash.get(tokenHash);
    return row ? { userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at } : null;
  }

  async use(tokenHash: string, now: number) {
    return (await this.write(() => this.s.use.run(now, tokenHash, now))).changes > 0;
  }
}
