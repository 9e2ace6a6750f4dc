import { openFeedTokenStore, type FeedTokenStore } from '../../../server/calendar/FeedTokens.ts';
import { connectPostgres } from '../../../server/db/postgres.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { runFeedTokenContract } from './feed-token-contract.ts';

runFeedTokenContract('SQLite', async () => {
  const tmp = makeTempDir();
  const opened: FeedTokenStore[] = [];
  return {
    open: async () => {
      const store = await openFeedTokenStore({
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
runFeedTokenContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const pools: Awaited<ReturnType<typeof connectPostgres>>[] = [];
  return {
    open: async () => {
      const pool = await connectPostgres(database.url, { max: 4 });
      pools.push(pool);
      return openFeedTokenStore({ kind: 'postgres', pool });
    },
    destroy: async () => {
      for (const pool of pools) await pool.end();
      await database.drop();
    }
  };
});
