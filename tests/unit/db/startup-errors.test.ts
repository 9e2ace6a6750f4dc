import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../cluster/freePort.ts';
import { admin } from '../backup/installation.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';

/** A cold tsx start of a process per case, on a busy two-core machine. */
const PROCESS_TIMEOUT = 90_000;

type Run = { code: number | null; stdout: string; stderr: string };

/**
 * The server from its sources (`node --import tsx server/index.ts`), as `npm start` runs its
 * bundle: the build folder holds a handler of its own (the app is not what these tests look at),
 * the rest is the real server.
 */
function startServer(env: Record<string, string>): Promise<Run> {
  const tmp = makeTempDir();
  const buildDir = path.join(tmp.dir, 'build');
  const dataDir = path.join(tmp.dir, 'data');
  mkdirSync(buildDir);
  writeFileSync(
    path.join(buildDir, 'handler.js'),
    'export const handler = (req, res, next) => next();\n'
  );
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'server/index.ts'],
      {
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          BUILD_DIR: buildDir,
          SAMPLE_DATA: 'off',
          ...env
        },
        timeout: PROCESS_TIMEOUT - 10_000
      },
      (_error, stdout, stderr) => {
        tmp.remove();
        resolve({ code: child.exitCode, stdout, stderr });
      }
    );
    // A server that does start is not what these cases expect: stop it, and the case fails.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('http://')) child.kill('SIGTERM');
    });
  });
}

/** The one line the operator reads, and that nothing else was printed. */
function oneLine(run: Run): string {
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(run.code).not.toBe(0);
  expect(run.code).not.toBeNull();
  return lines[0]!;
}

describe('DB4 start-up on PostgreSQL: each refusal is one line naming DATABASE_URL', () => {
  let database: TestDatabase;
  let admins: pg.Pool;
  const defer = deferCleanup();
  beforeAll(async () => {
    database = await createTestDatabase();
    admins = new pg.Pool({ connectionString: database.url, max: 1 });
  });
  afterAll(async () => {
    await admins?.end();
    await database?.drop();
  });

  it(
    'DB4 a malformed DATABASE_URL stops the server without repeating its password',
    async () => {
      for (const url of ['mysql://uzel:s3cret-pw@db/uzel', 'postgres://uzel:s3cret-pw@db:5432']) {
        const line = oneLine(await startServer({ DATABASE_URL: url }));
        expect(line).toMatch(/^DATABASE_URL /);
        expect(line).not.toContain('s3cret-pw');
      }
    },
    PROCESS_TIMEOUT * 2
  );

  it(
    'DB4 an unreachable database stops the server, naming where it looked',
    async () => {
      const port = await freePort();
      const line = oneLine(
        await startServer({ DATABASE_URL: `postgres://uzel:s3cret-pw@127.0.0.1:${port}/uzel` })
      );
      expect(line).toContain(
        `DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port}/uzel`
      );
      expect(line).not.toContain('s3cret-pw');
    },
    PROCESS_TIMEOUT
  );

  it(
    'DB4 a database user without the right to create tables stops the server with what to grant',
    async () => {
      const role = `uzel_norights_${randomBytes(4).toString('hex')}`;
      await admins.query(`CREATE ROLE ${role} LOGIN`);
      defer(async () => {
        // The role owns nothing; its database connections end with the run.
        await admins.query(`DROP ROLE IF EXISTS ${role}`);
      });
      const url = new URL(database.url);
      url.username = role;
      const line = oneLine(await startServer({ DATABASE_URL: url.toString() }));
      expect(line).toMatch(/^DATABASE_URL: the database user may not create the \w+ tables/);
      expect(line).toContain('permission denied for schema public');
      expect(line).toContain('grant it CREATE on schema public');
    },
    PROCESS_TIMEOUT
  );

  it(
    'DB4 a database written by a newer Uzel stops the server and is left as it is',
    async () => {
      const migrated = await admin(['migrate'], {
        DATABASE_URL: database.url,
        DATA_DIR: makeTempDir().dir
      });
      expect(migrated.code).toBe(0);
      await admins.query("UPDATE uzel_schema_versions SET version = 99 WHERE store = 'documents'");
      const line = oneLine(await startServer({ DATABASE_URL: database.url }));
      expect(line).toMatch(
        /^DATABASE_URL: the documents tables were written by a newer Uzel \(schema 99, this one knows \d+\)/
      );
      const { rows } = await admins.query(
        "SELECT version FROM uzel_schema_versions WHERE store = 'documents'"
      );
      expect(rows[0].version).toBe(99);
    },
    PROCESS_TIMEOUT * 2
  );
});

describe('DB5 admin migrate', () => {
  const defer = deferCleanup();

  it(
    'DB5 on SQLite it creates every store file once and then finds them up to date',
    async () => {
      const tmp = makeTempDir();
      defer(tmp.remove);
      const first = await admin(['migrate'], { DATA_DIR: tmp.dir });
      expect(first.code).toBe(0);
      const lines = first.stdout.trim().split('\n');
      expect(lines.slice(0, -1)).toEqual([
        expect.stringMatching(/^documents: created \(schema \d+\)$/),
        expect.stringMatching(/^accounts: created/),
        expect.stringMatching(/^history: created/),
        expect.stringMatching(/^publications: created/),
        expect.stringMatching(/^blobs: created/),
        expect.stringMatching(/^calendar-feeds: created/)
      ]);
      expect(lines.at(-1)).toBe(
        `Every store is at this version's schema, on SQLite in ${tmp.dir}.`
      );

      const again = await admin(['migrate'], { DATA_DIR: tmp.dir });
      expect(again.code).toBe(0);
      const after = again.stdout.trim().split('\n').slice(0, -1);
      expect(after).toHaveLength(6);
      for (const line of after) expect(line).toMatch(/^[\w-]+: up to date \(schema \d+\)$/);
    },
    PROCESS_TIMEOUT * 2
  );

  it(
    'DB5 on PostgreSQL it creates every store, signing key included, and refuses a newer schema',
    async () => {
      const database = await createTestDatabase();
      defer(() => database.drop());
      const env = { DATABASE_URL: database.url, DATA_DIR: makeTempDir().dir };
      const first = await admin(['migrate'], env);
      expect(first.code).toBe(0);
      const lines = first.stdout.trim().split('\n');
      expect(lines).toHaveLength(8);
      expect(lines).toContain('signing_key: created (schema 1)');
      expect(lines.at(-1)).toBe(
        "Every store is at this version's schema, on the PostgreSQL database of DATABASE_URL."
      );
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      defer(() => pool.end());
      const { rows } = await pool.query<{ store: string }>(
        'SELECT store FROM uzel_schema_versions ORDER BY store'
      );
      expect(rows.map((r) => r.store)).toHaveLength(7);

      await pool.query("UPDATE uzel_schema_versions SET version = 42 WHERE store = 'history'");
      const refused = await admin(['migrate'], env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        'DATABASE_URL: the history tables were written by a newer Uzel (schema 42'
      );
    },
    PROCESS_TIMEOUT * 2
  );
});
