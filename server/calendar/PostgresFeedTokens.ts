import type pg from 'pg';
import { newAccountId } from '../accounts/ids.ts';
import { hashToken, randomToken } from '../accounts/secrets.ts';
import { migratePostgres } from '../db/migrations.ts';
import type { Feed, FeedTokenStore } from './FeedTokens.ts';
import { FEED_COLUMNS, FEED_TOKENS_SCHEMA, toFeed, type FeedRow } from './feedTokensSchema.ts';

/** The PostgreSQL engine: the `calendar_feeds` table in the shared database. */
export class PostgresFeedTokens implements FeedTokenStore {
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  static async open(pool: pg.Pool): Promise<PostgresFeedTokens> {
    await migratePostgres(pool, FEED_TOKENS_SCHEMA);
    return new PostgresFeedTokens(pool);
  }

  async create(workspaceId: string, createdBy: string | null, now: number) {
    const id = newAccountId();
    const token = randomToken();
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // Two links created at once for one workspace take turns, so one live link remains.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('uzel_calendar_feeds:' || $1))", [
        workspaceId
      ]);
      await client.query(
        'UPDATE calendar_feeds SET revoked_at = $1 WHERE workspace_id = $2 AND revoked_at IS NULL',
        [now, workspaceId]
      );
      await client.query(
        `INSERT INTO calendar_feeds (id, workspace_id, token_hash, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, workspaceId, hashToken(token), createdBy, now]
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
      throw err;
    } finally {
      client.release(broken);
    }
    return { token, feed: { id, workspaceId, createdBy, createdAt: now } };
  }

  async active(workspaceId: string): Promise<Feed | null> {
    const { rows } = await this.#pool.query<FeedRow>(
      `SELECT ${FEED_COLUMNS} FROM calendar_feeds WHERE workspace_id = $1 AND revoked_at IS NULL`,
      [workspaceId]
    );
    return rows[0] ? toFeed(rows[0]) : null;
  }

  async revoke(workspaceId: string, now: number) {
    const result = await this.#pool.query(
      'UPDATE calendar_feeds SET revoked_at = $1 WHERE workspace_id = $2 AND revoked_at IS NULL',
      [now, workspaceId]
    );
    return (result.rowCount ?? 0) > 0;
  }

  async forgetCreator(userId: string, now: number) {
    const result = await this.#pool.query(
      `UPDATE calendar_feeds SET revoked_at = coalesce(revoked_at, $1), created_by = NULL
       WHERE created_by = $2`,
      [now, userId]
    );
    return result.rowCount ?? 0;
  }

  async byToken(token: string): Promise<Feed | null> {
    if (token.length > 256) return null;
    const { rows } = await this.#pool.query<FeedRow>(
      `SELECT ${FEED_COLUMNS} FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hashToken(token)]
    );
    return rows[0] ? toFeed(rows[0]) : null;
  }

  /** The pool belongs to the engine. */
  async close() {}
}
