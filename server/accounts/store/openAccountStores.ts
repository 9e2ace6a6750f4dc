import type { Engine } from '../../db/engine.ts';
import type { AccountStore } from './AccountStore.ts';
import { PostgresAccountStore } from './PostgresAccountStore.ts';
import { SqliteAccountStore } from './SqliteAccountStore.ts';

/** The accounts store on the configured engine, migrated and ready. */
export async function openAccountStores(engine: Engine): Promise<AccountStore> {
  if (engine.kind === 'postgres') return PostgresAccountStore.open(engine.pool);
  return SqliteAccountStore.open(engine.dataDir, engine.synchronous);
}
