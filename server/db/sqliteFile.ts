import Database from 'better-sqlite3';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';

export type SqliteSync = 'full' | 'normal';

/**
 * Opens one of the server's SQLite files the same way everywhere: created private to the server's
 * user before SQLite touches it (SQLite gives its -wal and -shm files the file's permissions), WAL
 * so the admin command can write while the server runs, the configured durability, a busy timeout
 * so two processes wait for each other's short transactions instead of failing, foreign keys on.
 */
export function openSqliteFile(file: string, synchronous: SqliteSync = 'full'): Database.Database {
  try {
    writeFileSync(file, '', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // Files created world-readable by older versions are tightened on the next start.
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
