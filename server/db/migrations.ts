import type Database from 'better-sqlite3';
import type { Pool } from 'pg';

/**
 * One store's schema history, once per engine. Versions apply in order and never change once
 * released; a new version is appended to both lists, so both engines always know the same number.
 */
export type StoreSchema = {
  /** Names the store in messages and in PostgreSQL's version table, e.g. `accounts`. */
  store: string;
  sqlite: readonly string[];
  postgres: readonly string[];
};

export class SchemaTooNewError extends Error {
  constructor(store: string, found: number, known: number) {
    super(
      `The ${store} database was written by a newer Uzel (schema ${found}, this one knows ${known}); upgrade Uzel or restore a backup`
    );
    this.name = 'SchemaTooNewError';
  }
}

function checkLengths(schema: StoreSchema): number {
  if (schema.sqlite.length !== schema.postgres.length)
    throw new Error(`${schema.store}: the SQLite and PostgreSQL schemas have different versions`);
  return schema.sqlite.length;
}

/**
 * SQLite: each store has its own file, so the file's `user_version` is the store's version (files
 * written before this module keep working). Read and applied in one write transaction: the server
 * and the admin command may open a new file at the same moment, and only one may create tables.
 */
export function migrateSqlite(db: Database.Database, schema: StoreSchema): void {
  const known = checkLengths(schema);
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > known) throw new SchemaTooNewError(schema.store, version, known);
    for (let v = version; v < known; v++) db.exec(schema.sqlite[v]!);
    if (version < known) db.pragma(`user_version = ${known}`);
  }).immediate();
}

/** PostgreSQL holds every store in one database, so versions live in a table keyed by store. */
const VERSIONS_TABLE = `CREATE TABLE IF NOT EXISTS uzel_schema_versions (
  store TEXT PRIMARY KEY,
  version INTEGER NOT NULL
)`;

/**
 * PostgreSQL: under a transaction-scoped advisory lock, so several instances starting at once
 * migrate one after another; each sees the version the previous one left.
 */
export async function migratePostgres(pool: Pool, schema: StoreSchema): Promise<void> {
  const known = checkLengths(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('uzel_schema_versions'))");
    await client.query(VERSIONS_TABLE);
    const row = await client.query<{ version: number }>(
      'SELECT version FROM uzel_schema_versions WHERE store = $1',
      [schema.store]
    );
    const version = row.rows[0]?.version ?? 0;
    if (version > known) throw new SchemaTooNewError(schema.store, version, known);
    for (let v = version; v < known; v++) await client.query(schema.postgres[v]!);
    if (version < known)
      await client.query(
        `INSERT INTO uzel_schema_versions (store, version) VALUES ($1, $2)
         ON CONFLICT (store) DO UPDATE SET version = EXCLUDED.version`,
        [schema.store, known]
      );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
