import type { Pool } from 'pg';
import type { Config } from '../config.ts';
import type { SqliteSync } from './sqliteFile.ts';

/**
 * Where the server's stores live, chosen once from config: every store takes an Engine and opens
 * its own SQLite file in `dataDir`, or its tables in the one shared PostgreSQL pool.
 */
export type Engine =
  { kind: 'sqlite'; dataDir: string; synchronous: SqliteSync } | { kind: 'postgres'; pool: Pool };

export async function openEngine(
  config: Pick<Config, 'dataDir' | 'sqliteSync' | 'databaseUrl'>
): Promise<Engine> {
  if (config.databaseUrl) {
    // Loaded only here: on SQLite (the default) the PostgreSQL client is never read from disk,
    // which keeps the admin command's start short.
    const { connectPostgres } = await import('./postgres.ts');
    return { kind: 'postgres', pool: await connectPostgres(config.databaseUrl) };
  }
  return { kind: 'sqlite', dataDir: config.dataDir, synchronous: config.sqliteSync };
}

export async function closeEngine(engine: Engine): Promise<void> {
  if (engine.kind === 'postgres') await engine.pool.end();
}
