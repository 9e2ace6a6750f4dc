import { connectPostgres } from '../../../server/db/postgres.ts';
import type { AccountStore } from '../../../server/accounts/store/AccountStore.ts';
import { openAccountStores } from '../../../server/accounts/store/openAccountStores.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { runAccountStoreContract } from './account-store-contract.ts';

runAccountStoreContract('SQLite', async () => {
  const tmp = makeTempDir();
  const opened: AccountStore[] = [];
  return {
    open: async () => {
      const store = await openAccountStores({
        kind: 'sqlite',
        dataDir: tmp.dir,
        synchronous: 'full'
      });
      opened.push(store);
      return store;
    },
    destroy: async () => {
      for (const store of opened) await store.close();
      tmp.remove();
    }
  };
});

// A database of its own per test; without PostgreSQL these fail and say how to start it.
runAccountStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const pools: Awaited<ReturnType<typeof connectPostgres>>[] = [];
  return {
    // A pool per store, as each server process has its own.
    open: async () => {
      const pool = await connectPostgres(database.url, { max: 4 });
      pools.push(pool);
      return openAccountStores({ kind: 'postgres', pool });
    },
    destroy: async () => {
      for (const pool of pools) await pool.end();
      await database.drop();
    }
  };
});
