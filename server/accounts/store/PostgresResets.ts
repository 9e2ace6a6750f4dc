import type { ResetTable, StoredReset } from './AccountStore.ts';
import type { Query } from './postgresQuery.ts';

/** Password reset links in the shared database (`password_resets`). */
export class PostgresResets implements ResetTable {
  constructor(private readonly q: Query) {}

  async insert(tokenHash: string, userId: string, now: number, expiresAt: number) {
    await this.q(
      `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [tokenHash, userId, now, expiresAt]
    );
  }

  async byTokenHash(tokenHash: string): Promise<StoredReset | null> {
    const { rows } = await this.q<{
      user_id: string;
      expires_at: string;
      used_at: string | null;
    }>('SELECT user_id, expires_at, used_at FROM password_resets WHERE token_hash = $1', [
      tokenHash
    ]);
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.user_id,
      expiresAt: Number(row.expires_at),
      usedAt: row.used_at === null ? null : Number(row.used_at)
    };
  }

  async use(tokenHash: string, now: number) {
    const { rowCount } = await this.q(
      `UPDATE password_resets SET used_at = $1
       WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1`,
      [now, tokenHash]
    );
    return (rowCount ?? 0) > 0;
  }
}
