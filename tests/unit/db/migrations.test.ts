import path from 'node:path';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'pg';
import {
  migratePostgres,
  migrateSqlite,
  SchemaTooNewError
} from '../../../server/db/migrations.ts';
import { connectPostgres, DatabaseConfigError } from '../../../server/db/postgres.ts';
import { openSqliteFile } from '../../../server/db/sqliteFile.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { deferCleanup } from '../helpers/cleanup.ts';

const V1 = {
  store: 'example',
  sqlite: ['CREATE TABLE things (id TEXT PRIMARY KEY)'],
  postgres: ['CREATE TABLE things (id TEXT PRIMARY KEY)']
};
const V2 = {
  store: 'example',
  sqlite: [...V1.sqlite, 'ALTER TABLE things ADD COLUMN name TEXT'],
  postgres: [...V1.postgres, 'ALTER TABLE things ADD COLUMN name TEXT']
};

describe('migrations on SQLite', () => {
  const defer = deferCleanup();

  it('DB1 a store file is private to the server user and migrates in order', () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const file = path.join(tmp.dir, 'example.sqlite');
    const db = openSqliteFile(file);
    migrateSqlite(db, V1);
    migrateSqlite(db, V2);
    db.prepare('INSERT INTO things (id, name) VALUES (?, ?)').run('a', 'Дом культуры');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('DB2 a file from a newer version is refused with a clear message', () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const db = openSqliteFile(path.join(tmp.dir, 'example.sqlite'));
    defer(() => db.close());
    migrateSqlite(db, V2);
    expect(() => migrateSqlite(db, V1)).toThrow(SchemaTooNewError);
    expect(() => migrateSqlite(db, V1)).toThrow(/newer Uzel \(schema 2, this one knows 1\)/);
  });
});

describe('migrations on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = await connectPostgres(database.url);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('DB1 versions are kept per store; instances starting together migrate once', async () => {
    await Promise.all([
      migratePostgres(pool, V2),
      migratePostgres(pool, V2),
      migratePostgres(pool, V2)
    ]);
    const { rows } = await pool.query('SELECT version FROM uzel_schema_versions WHERE store = $1', [
      'example'
    ]);
    expect(rows[0].version).toBe(2);
    await pool.query("INSERT INTO things (id, name) VALUES ('a', 'Библиотека')");
  });

  it('DB2 a database from a newer version is refused with a clear message', async () => {
    await migratePostgres(pool, V2);
    await expect(migratePostgres(pool, V1)).rejects.toThrow(SchemaTooNewError);
  });

  it('DB3 a malformed or unreachable DATABASE_URL names the variable', async () => {
    await expect(connectPostgres('mysql://x/y')).rejects.toThrow(/DATABASE_URL must start/);
    await expect(connectPostgres('not a url')).rejects.toThrow(DatabaseConfigError);
    await expect(
      connectPostgres('postgres://postgres@127.0.0.1:1/nowhere', { connectionTimeoutMillis: 1000 })
    ).rejects.toThrow(/DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:1\/nowhere/);
  });
});
