import pg from 'pg';

/** A clear start-up failure that names the variable the operator has to fix. */
export class DatabaseConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseConfigError';
  }
}

/** Checks the shape of DATABASE_URL without connecting. */
export function parseDatabaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseConfigError(
      'DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database'
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new DatabaseConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//)`
    );
  if (url.pathname.length <= 1)
    throw new DatabaseConfigError(
      'DATABASE_URL names no database (postgres://host:5432/<database>)'
    );
  return url;
}

export type PostgresOptions = { max?: number; connectionTimeoutMillis?: number };

/**
 * One pool per process, shared by every store. Connects once before returning, so an unreachable
 * server or missing rights stop the start with one message (never with the password in it).
 */
export async function connectPostgres(
  databaseUrl: string,
  options: PostgresOptions = {}
): Promise<pg.Pool> {
  const url = parseDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const where = `${url.hostname || 'localhost'}:${url.port || 5432}${url.pathname}`;
    throw new DatabaseConfigError(
      `DATABASE_URL: cannot connect to PostgreSQL at ${where}: ${(err as Error).message}`
    );
  }
  return pool;
}
