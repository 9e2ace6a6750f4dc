import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';

/**
 * The accounts schema, in its own file (`accounts.sqlite`) so that people and documents can be
 * backed up, moved or wiped separately. Versions apply in order; `user_version` records how far a
 * file has come. Times are milliseconds since the epoch.
 */
const MIGRATIONS = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT UNIQUE,
     display_name TEXT NOT NULL,
     institution TEXT NOT NULL DEFAULT '',
     password_hash TEXT,
     kind TEXT NOT NULL CHECK (kind IN ('person', 'service')),
     created_at INTEGER NOT NULL,
     CHECK ((kind = 'person') = (email IS NOT NULL AND password_hash IS NOT NULL))
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE INDEX sessions_by_expiry ON sessions (expires_at);
   CREATE TABLE workspaces (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE memberships (
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
     created_at INTEGER NOT NULL,
     PRIMARY KEY (workspace_id, user_id)
   );
   CREATE INDEX memberships_by_user ON memberships (user_id);
   CREATE TABLE invites (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
     created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
     uses INTEGER NOT NULL DEFAULT 0,
     revoked_at INTEGER
   );
   CREATE INDEX invites_by_workspace ON invites (workspace_id, created_at);`
];

export const ACCOUNTS_SCHEMA_VERSION = MIGRATIONS.length;

export type DatabaseOptions = { synchronous?: 'full' | 'normal' };

/**
 * Opens (and migrates) the accounts file. WAL and a busy timeout let the admin command write while
 * the server is running; each process waits for the other's short transactions instead of failing.
 */
export function openAccountsDatabase(file: string, options: DatabaseOptions = {}) {
  // Created empty and private to its owner before SQLite opens it (SQLite gives its -wal and -shm
  // files the same permissions): it holds password hashes and e-mail addresses.
  try {
    writeFileSync(file, '', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: Database.Database): void {
  // Read and applied in one write transaction: the server and the admin command may open a new
  // file at the same moment, and only one of them may create the tables.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `The accounts database was written by a newer Uzel (schema ${version}, this one knows ${MIGRATIONS.length})`
      );
    }
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
