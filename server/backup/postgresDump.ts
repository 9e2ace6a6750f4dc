import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { connectPostgres } from '../db/postgres.ts';
import { BackupError } from './manifest.ts';

/** What pg_dump's custom format starts with: tells a PostgreSQL backup from a data-folder one. */
const PG_DUMP_MAGIC = 'PGDMP';

export function isPostgresDump(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(PG_DUMP_MAGIC.length);
    readSync(fd, head, 0, head.length, 0);
    return head.toString('latin1') === PG_DUMP_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * libpq's own variables rather than the URL on the command line, where every user of the machine
 * could read the password in the process list.
 */
function libpqEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname);
  if (url.port) env.PGPORT = url.port;
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  env.PGDATABASE = decodeURIComponent(url.pathname.slice(1));
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

function run(tool: string, args: string[], databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: libpqEnv(databaseUrl),
      stdio: ['ignore', 'ignore', 'pipe']
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (err) =>
      reject(
        new BackupError(
          `${tool} could not be started (${err.message}): install PostgreSQL's client tools (apt-get install postgresql-client)`
        )
      )
    );
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`))
    );
  });
}

/** Every Uzel table of the database, in pg_dump's custom format, written under its final name last. */
export async function dumpPostgres(databaseUrl: string, archive: string): Promise<string> {
  const target = path.resolve(archive);
  if (!existsSync(path.dirname(target)))
    throw new BackupError(`the folder for ${archive} does not exist`);
  const partial = `${target}.partial`;
  try {
    await run(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`],
      databaseUrl
    );
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  return target;
}

/** Restores only into a database without tables, in one transaction: all of it or nothing. */
export async function restorePostgres(archive: string, databaseUrl: string): Promise<void> {
  const pool = await connectPostgres(databaseUrl, { max: 1 });
  try {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT schemaname || '.' || tablename AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1 LIMIT 4`
    );
    if (rows.length > 0)
      throw new BackupError(
        `the database of DATABASE_URL is not empty (${rows.map((r) => r.name).join(', ')}): restore only into an empty database, so nothing there is overwritten`
      );
  } finally {
    await pool.end();
  }
  await run(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${new URL(databaseUrl).pathname.slice(1)}`,
      archive
    ],
    databaseUrl
  );
}
