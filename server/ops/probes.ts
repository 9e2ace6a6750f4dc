import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import type { ReadinessProbe } from './Readiness.ts';

/**
 * The data folder takes a new file: created, written, flushed to disk and removed. Every SQLite
 * store also needs to create its -wal and -journal files here, so a folder that went read-only (a
 * full or remounted disk) stops writes even while the open database files still accept them.
 */
export function dataFolderProbe(dataDir: string): ReadinessProbe {
  return {
    name: 'data folder',
    async check() {
      const file = path.join(dataDir, `.readyz-${process.pid}-${randomBytes(4).toString('hex')}`);
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile('ready');
        await handle.sync();
      } finally {
        await handle.close();
        await unlink(file).catch(() => undefined);
      }
    }
  };
}

/**
 * A SQLite file still at its path accepts a write: on its own connection, a table is created inside
 * a transaction that is rolled back, so nothing is left behind. `fileMustExist` makes a file that
 * was deleted or moved away fail here, although the server's open handle would go on writing to it.
 */
export function sqliteWriteProbe(name: string, file: string, timeoutMs: number): ReadinessProbe {
  return {
    name,
    async check() {
      const db = new Database(file, { fileMustExist: true, timeout: timeoutMs });
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          db.exec('CREATE TABLE uzel_readiness_probe (x INTEGER)');
        } finally {
          db.exec('ROLLBACK');
        }
      } finally {
        db.close();
      }
    }
  };
}

/**
 * The same against PostgreSQL: a table created in a transaction that is rolled back. A read-only
 * database (a standby, `default_transaction_read_only`) refuses the CREATE; a database that is gone
 * refuses the connection.
 */
export function postgresWriteProbe(name: string, pool: Pool): ReadinessProbe {
  return {
    name,
    async check() {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        try {
          await client.query('CREATE TABLE uzel_readiness_probe (x integer)');
          await client.query('INSERT INTO uzel_readiness_probe VALUES (1)');
        } finally {
          await client.query('ROLLBACK');
        }
      } finally {
        client.release();
      }
    }
  };
}
