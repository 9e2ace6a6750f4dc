import type Database from 'better-sqlite3';
import path from 'node:path';
import { newAccountId } from '../accounts/ids.ts';
import { hashToken, randomToken } from '../accounts/secrets.ts';
import { migrateSqlite } from '../db/migrations.ts';
import { openSqliteFile, type SqliteSync } from '../db/sqliteFile.ts';
import type { Feed, FeedTokenStore } from './FeedTokens.ts';
import { FEED_COLUMNS, FEED_TOKENS_SCHEMA, toFeed, type FeedRow } from './feedTokensSchema.ts';

export const FEEDS_FILE = 'calendar-feeds.sqlite';

/** The SQLite engine: `calendar-feeds.sqlite` in the data folder, private to its owner. */
export class SqliteFeedTokens implements FeedTokenStore {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[string, string, string, string | null, number]>;
  readonly #revokeAll: Database.Statement<[number, string]>;
  readonly #active: Database.Statement<[string], FeedRow>;
  readonly #byHash: Database.Statement<[string], FeedRow>;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO calendar_feeds (id, workspace_id, token_hash, created_by, created_at)
       VALUES (?, ?, ?, ?, ?)`
    );
    this.#revokeAll = db.prepare(
      'UPDATE calendar_feeds SET revoked_at = ? WHERE workspace_id = ? AND revoked_at IS NULL'
    );
    this.#active = db.prepare(
      `SELECT ${FEED_COLUMNS} FROM calendar_feeds WHERE workspace_id = ? AND revoked_at IS NULL`
    );
    this.#byHash = db.prepare(
      `SELECT ${FEED_COLUMNS} FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL`
    );
  }

  /** Opens (and migrates) `calendar-feeds.sqlite` in `dataDir`; its hashes name live feeds. */
  static open(dataDir: string, synchronous: SqliteSync = 'full'): SqliteFeedTokens {
    const db = openSqliteFile(path.join(dataDir, FEEDS_FILE), synchronous);
    try {
      migrateSqlite(db, FEED_TOKENS_SCHEMA);
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteFeedTokens(db);
  }

  async create(workspaceId: string, createdBy: string | null, now: number) {
    const id = newAccountId();
    const token = randomToken();
    // Synchronous, so nothing else on this connection runs in between; IMMEDIATE for other processes.
    this.#db
      .transaction(() => {
        this.#revokeAll.run(now, workspaceId);
        this.#insert.run(id, workspaceId, hashToken(token), createdBy, now);
      })
      .immediate();
    return { token, feed: { id, workspaceId, createdBy, createdAt: now } };
  }

  async active(workspaceId: string): Promise<Feed | null> {
    const row = this.#active.get(workspaceId);
    return row ? toFeed(row) : null;
  }

  async revoke(workspaceId: string, now: number) {
    return this.#revokeAll.run(now, workspaceId).changes > 0;
  }

  async forgetCreator(userId: string, now: number) {
    return this.#db
      .prepare<[number, string]>(
        `UPDATE calendar_feeds SET revoked_at = coalesce(revoked_at, ?), created_by = NULL
         WHERE created_by = ?`
      )
      .run(now, userId).changes;
  }

  async byToken(token: string): Promise<Feed | null> {
    if (token.length > 256) return null;
    const row = this.#byHash.get(hashToken(token));
    return row ? toFeed(row) : null;
  }

  async close() {
    if (this.#db.open) this.#db.close();
  }
}
