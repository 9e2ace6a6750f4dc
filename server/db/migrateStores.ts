import path from 'node:path';
import type { Engine } from './engine.ts';
import { migratePostgres, migrateSqlite, type MigrationResult } from './migrations.ts';
import { openSqliteFile } from './sqliteFile.ts';
import { STORE_SCHEMAS } from './storeSchemas.ts';

/**
 * Brings every store's schema on `engine` to this version, one store after another, exactly as
 * opening the store at start would: the same migration lists, the same version records.
 */
export async function migrateStores(engine: Engine): Promise<MigrationResult[]> {
  const results: MigrationResult[] = [];
  for (const { schema, sqliteFile } of STORE_SCHEMAS) {
    if (engine.kind === 'postgres') {
      results.push(await migratePostgres(engine.pool, schema));
      continue;
    }
    if (sqliteFile === null) continue;
    const db = openSqliteFile(path.join(engine.dataDir, sqliteFile), engine.synchronous);
    try {
      results.push(migrateSqlite(db, schema));
    } finally {
      db.close();
    }
  }
  return results;
}

/** One line per store for the operator: what changed, or that nothing had to. */
export function describeMigration({ store, from, to }: MigrationResult): string {
  if (from === to) return `${store}: up to date (schema ${to})`;
  if (from === 0) return `${store}: created (schema ${to})`;
  return `${store}: upgraded from schema ${from} to ${to}`;
}
