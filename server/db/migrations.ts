import type Database from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import { DatabaseConfigError } from './databaseConfigError.ts';

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

/** What one store's migration did: its version before (0: new) and after. */
export type MigrationResult = { store: string; from: number; to: number };

export class SchemaTooNewError extends Error {
  constructor(store: string, found: number, known: number, engine: 'sqlite' | 'postgres') {
    const what =
      engine === 'postgres'
        ? `DATABASE_URL: the ${store} tables were written`
        : `The ${store} database was written`;
    super(
      `${what} by a newer Uzel (schema ${found}, this one knows ${known}); upgrade Uzel or restore a backup`
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
export function migrateSqlite(db: Database.Database, schema: StoreSchema): MigrationResult {
  const known = checkLengths(schema);
  return db
    .transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > known) throw new SchemaTooNewError(schema.store, version, known, 'sqlite');
      for (let v = version; v < known; v++) db.exec(schema.sqlite[v]!);
      if (version < known) db.pragma(`user_version = ${known}`);
      return { store: schema.store, from: version, to: known };
    })
    .immediate();
}

/** PostgreSQL holds every store in one database, so versions live in a table keyed by store. */
const VERSIONS_TABLE = `CREATE TABLE IF NOT EXISTS uzel_schema_versions (
  store TEXT PRIMARY KEY,
  version INTEGER NOT NULL
)`;

/**
 * PostgreSQL: under a transaction-scoped advisory lock, so several instances starting at once
 * migrate one after another; each sees the version the previous one left. Runs at start: any
 * failure but a newer schema (missing rights, a database that went away) is a
 * DatabaseConfigError naming DATABASE_URL, which stops the start with one line.
 */
export async function migratePostgres(pool: Pool, schema: StoreSchema): Promise<MigrationResult> {
  const known = checkLengths(schema);
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw startupError(schema.store, err);
  }
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('uzel_schema_versions'))");
    await client.query(VERSIONS_TABLE);
    const row = await client.query<{ version: number }>(
      'SELECT version FROM uzel_schema_versions WHERE store = $1',
      [schema.store]
    );
    const version = row.rows[0]?.version ?? 0;
    if (version > known) throw new SchemaTooNewError(schema.store, version, known, 'postgres');
    for (let v = version; v < known; v++) await client.query(schema.postgres[v]!);
    if (version < known)
      await client.query(
        `INSERT INTO uzel_schema_versions (store, version) VALUES ($1, $2)
         ON CONFLICT (store) DO UPDATE SET version = EXCLUDED.version`,
        [schema.store, known]
      );
    await client.query('COMMIT');
    return { store: schema.store, from: version, to: known };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if (err instanceof SchemaTooNewError) throw err;
    throw startupError(schema.store, err);
  } finally {
    client.release();
  }
}

/** PostgreSQL's SQLSTATE for a missing privilege (`permission denied for schema public`). */
const INSUFFICIENT_PRIVILEGE = '42501';

function startupError(store: string, err: unknown): DatabaseConfigError {
  const message = err instanceof Error ? err.message : String(err);
  if ((err as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE)
    return new DatabaseConfigError(
      `DATABASE_URL: the database user may not create the ${store} tables (${message}); make it the owner of the database or grant it CREATE on schema public`
    );
  return new DatabaseConfigError(`DATABASE_URL: preparing the ${store} tables failed: ${message}`);
}
