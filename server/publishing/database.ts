import Database from 'better-sqlite3';

/**
 * Publications live in their own file (`publications.sqlite`), beside the documents and the
 * accounts: what is public can be backed up, inspected or wiped on its own, and the document store
 * is never written by publishing. Versions apply in order; `user_version` records how far a file
 * has come. Times are milliseconds since the epoch.
 */
const MIGRATIONS = [
  `CREATE TABLE sites (
     workspace_id TEXT PRIMARY KEY,
     slug TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     default_licence TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE publishers (
     workspace_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     granted_by TEXT NOT NULL,
     granted_at INTEGER NOT NULL,
     PRIMARY KEY (workspace_id, user_id)
   );
   CREATE TABLE publications (
     workspace_id TEXT NOT NULL,
     doc_id TEXT NOT NULL,
     short_id TEXT NOT NULL UNIQUE,
     status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
     proposed_by TEXT,
     proposed_at INTEGER,
     version INTEGER NOT NULL DEFAULT 0,
     licence TEXT,
     published_by TEXT,
     first_published_at INTEGER,
     published_at INTEGER,
     unpublished_at INTEGER,
     pinned TEXT,
     source_hash TEXT,
     PRIMARY KEY (workspace_id, doc_id)
   );
   CREATE INDEX publications_by_status ON publications (workspace_id, status, published_at);`
];

export const PUBLICATIONS_SCHEMA_VERSION = MIGRATIONS.length;

export function openPublicationsDatabase(
  file: string,
  options: { synchronous?: 'full' | 'normal' } = {}
): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > MIGRATIONS.length) {
        throw new Error(
          `The publications database was written by a newer Uzel (schema ${version}, this one knows ${MIGRATIONS.length})`
        );
      }
      for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
      if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
    }).immediate();
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
