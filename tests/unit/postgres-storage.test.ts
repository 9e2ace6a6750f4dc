import { PostgresStorage } from '../../server/storage/PostgresStorage.ts';
import { connectPostgres } from '../../server/db/postgres.ts';
import { createTestDatabase } from './helpers/postgres.ts';
import { runStorageContract } from './storage-contract.ts';

// Each `open` is another process's pool on the same database: closing the storage ends its pool.
runStorageContract('PostgresStorage', async () => {
  const database = await createTestDatabase();
  return {
    open: async () => {
      const pool = await connectPostgres(database.url, { max: 4 });
      const storage = await PostgresStorage.open(pool);
      const close = storage.close.bind(storage);
      storage.close = async () => {
        await close();
        await pool.end();
      };
      return storage;
    },
    destroy: () => database.drop()
  };
});
