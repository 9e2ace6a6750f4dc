import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { newAccountId } from '../accounts/ids.ts';
import { hashToken, randomToken } from '../accounts/secrets.ts';

export const FEEDS_FILE = 'calendar-feeds.sqlite';

/** A workspace's subscription link, as members see it (never its token, which is not kept). */
export type Feed = { id: string; workspaceId: string; createdBy: string | null; createdAt: number };

type FeedRow = { id: string; workspace_id: string; created_by: string | null; created_at: number };

const MIGRATIONS = [
  `CREATE TABLE calendar_feeds (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_by TEXT,
     created_at INTEGER NOT NULL,
     revoked_at INTEGER
   );
   CREATE INDEX calendar_feeds_by_workspace ON calendar_feeds (workspace_id, revoked_at);`
];

const toFeed = (row: FeedRow): Feed => ({
  id: row.id,
  workspaceId: row.workspace_id,
  createdBy: row.created_by,
  createdAt: row.created_at
});

/**
 * Calendar subscription tokens. Calendar apps cannot send the session cookie, so a feed URL
 * carries its own bearer secret: 256 random bits, of which only a hash is stored (like invites),
 * one live link per workspace, revoked by replacing or deleting it. Kept in a file of its own so
 * the accounts schema does not have to know about calendars.
 */
export class FeedTokens {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[string, string, string, string | null, number]>;
  readonly #revokeAll: Database.Statement<[number, string]>;
  readonly #active: Database.Statement<[string], FeedRow>;
  readonly #byHash: Database.Statement<[string], FeedRow>;

  constructor(file: string) {
    // Private to its owner before SQLite opens it: its hashes still name live feeds.
    try {
      writeFileSync(file, '', { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db
      .transaction(() => {
        const version = this.#db.pragma('user_version', { simple: true }) as number;
        if (version > MIGRATIONS.length) {
          throw new Error(`${FEEDS_FILE} was written by a newer Uzel (schema ${version})`);
        }
        for (let v = version; v < MIGRATIONS.length; v++) this.#db.exec(MIGRATIONS[v]!);
        this.#db.pragma(`user_version = ${MIGRATIONS.length}`);
      })
      .immediate();
    const columns = 'id, workspace_id, created_by, created_at';
    this.#insert = this.#db.prepare(
      `INSERT INTO calendar_feeds (id, workspace_id, token_hash, created_by, created_at)
       VALUES (?, ?, ?, ?, ?)`
    );
    this.#revokeAll = this.#db.prepare(
      'UPDATE calendar_feeds SET revoked_at = ? WHERE workspace_id = ? AND revoked_at IS NULL'
    );
    this.#active = this.#db.prepare(
      `SELECT ${columns} FROM calendar_feeds WHERE workspace_id = ? AND revoked_at IS NULL`
    );
    this.#byHash = this.#db.prepare(
      `SELECT ${columns} FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL`
    );
  }

  /** A new link for the workspace; the previous one stops working in the same transaction. */
  create(
    workspaceId: string,
    createdBy: string | null,
    now: number
  ): { feed: Feed; token: string } {
    const id = newAccountId();
    const token = randomToken();
    this.#db.transaction(() => {
      this.#revokeAll.run(now, workspaceId);
      this.#insert.run(id, workspaceId, hashToken(token), createdBy, now);
    })();
    return { token, feed: { id, workspaceId, createdBy, createdAt: now } };
  }

  active(workspaceId: string): Feed | null {
    const row = this.#active.get(workspaceId);
    return row ? toFeed(row) : null;
  }

  /** False when the workspace had no live link. */
  revoke(workspaceId: string, now: number): boolean {
    return this.#revokeAll.run(now, workspaceId).changes > 0;
  }

  /** The live feed this token opens, or null (unknown, revoked or malformed). */
  byToken(token: string): Feed | null {
    if (token.length > 256) return null;
    const row = this.#byHash.get(hashToken(token));
    return row ? toFeed(row) : null;
  }

  close(): void {
    this.#db.close();
  }
}
