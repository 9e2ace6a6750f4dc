import pg from 'pg';
import { DatabaseConfigError, databaseLocation, parseDatabaseUrl } from './databaseConfigError.ts';

export { DatabaseConfigError, parseDatabaseUrl };

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
    const where = databaseLocation(url);
    throw new DatabaseConfigError(
      `DATABASE_URL: cannot connect to PostgreSQL at ${where}: ${(err as Error).message}`
    );
  }
  return pool;
}
