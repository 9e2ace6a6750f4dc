import type { Pool } from 'pg';
import type { Engine } from '../../../server/db/engine.ts';
import { connectPostgres } from '../../../server/db/postgres.ts';
import { createTestDatabase } from './postgres.ts';
import { makeTempDir } from './relay.ts';

export const ENGINE_KINDS = ['sqlite', 'postgres'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/**
 * One engine for one contract test: a fresh DATA_DIR and, for PostgreSQL, a fresh database of its
 * own. `another()` is what a second server process would open on the same data (a second pool on
 * the same database, or the same folder); `destroy()` removes everything.
 */
export type EngineUnderTest = {
  kind: EngineKind;
  engine: Engine;
  dataDir: string;
  another(): Promise<Engine>;
  destroy(): Promise<void>;
};

export async function engineUnderTest(kind: EngineKind): Promise<EngineUnderTest> {
  const tmp = makeTempDir();
  if (kind === 'sqlite') {
    const engine: Engine = { kind: 'sqlite', dataDir: tmp.dir, synchronous: 'normal' };
    return {
      kind,
      engine,
      dataDir: tmp.dir,
      another: async () => ({ ...engine }),
      destroy: async () => tmp.remove()
    };
  }
  const database = await createTestDatabase();
  const pools: Pool[] = [];
  const open = async (): Promise<Engine> => {
    const pool = await connectPostgres(database.url);
    pools.push(pool);
    return { kind: 'postgres', pool };
  };
  const engine = await open();
  return {
    kind,
    engine,
    dataDir: tmp.dir,
    another: open,
    destroy: async () => {
      await Promise.all(pools.map((p) => p.end()));
      await database.drop();
      tmp.remove();
    }
  };
}
