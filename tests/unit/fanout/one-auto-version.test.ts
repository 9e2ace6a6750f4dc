import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'pg';
import { connectPostgres } from '../../../server/db/postgres.ts';
import type { HistoryStore } from '../../../server/history/HistoryStore.ts';
import { PostgresHistoryStore } from '../../../server/history/PostgresHistoryStore.ts';
import { VersionKeeper } from '../../../server/history/VersionKeeper.ts';
import { createLogger, type Logger } from '../../../server/log.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { ManualClock, OPTIONS } from '../history/keeperFixture.ts';

const ROOM = 'ws-belgorod/doc-plan';

function paragraphDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('content').insert(0, [p]);
  return doc;
}

/** A promise the test resolves by hand, to hold one instance inside its version. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('FO automatic versions with several instances', () => {
  let database: TestDatabase;
  const pools: Pool[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await database?.drop();
  });

  it('FO9 two instances whose pause timers fire together take one automatic version of the document, not one each', async () => {
    const state = Y.encodeStateAsUpdate(paragraphDoc('План проекта «Ремёсла родного края»'));
    const held = gate();
    const entered: string[] = [];
    const keepers = await Promise.all(
      ['A', 'B'].map(async (name) => {
        const pool = await connectPostgres(database.url);
        pools.push(pool);
        const shared = await PostgresHistoryStore.open(pool);
        // A is slow to write its version: B's timer fires while A is inside it.
        const store: HistoryStore = {
          add: async (room, version) => {
            entered.push(name);
            if (name === 'A') await held.wait;
            return shared.add(room, version);
          },
          list: (room) => shared.list(room),
          get: (room, id) => shared.get(room, id),
          latestState: (room) => shared.latestState(room),
          drop: (room, ids, authorsTo) => shared.drop(room, ids, authorsTo),
          renameAuthor: (id, name) => shared.renameAuthor(id, name),
          exclusive: (room, task) => shared.exclusive(room, task),
          close: () => shared.close()
        };
        const clock = new ManualClock();
        // Both instances hold the same committed state (one of them through fan-out).
        const source = async () => {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, state);
          return doc;
        };
        const keeper = new VersionKeeper(store, source, createLogger('silent'), OPTIONS, clock);
        return { store, clock, keeper };
      })
    );
    const [a, b] = keepers;
    a!.keeper.edited(ROOM, [{ id: 'maria', name: 'Мария Петровна' }]);
    b!.keeper.edited(ROOM, [{ id: 'ivan', name: 'Иван Сергеевич' }]);
    a!.clock.advance(OPTIONS.pauseMs);
    // A has found no version yet and is writing one when B's timer fires.
    await expect.poll(() => entered).toContain('A');
    b!.clock.advance(OPTIONS.pauseMs);
    await b!.keeper.settled();
    held.open();
    await a!.keeper.settled();

    const versions = await a!.store.list(ROOM);
    expect(versions.map((v) => v.kind)).toEqual(['auto']);
    expect(await b!.store.list(ROOM)).toHaveLength(1);
    expect(entered).toEqual(['A']);
  });
  it('FO13 a shutdown with more documents to keep than the pool has clients keeps a version of every one', async () => {
    // One small pool shared by every store, as in a server: reading the document's state inside
    // a version's lock takes a second client of the same pool.
    const pool = await connectPostgres(database.url, { max: 4, connectionTimeoutMillis: 1500 });
    pools.push(pool);
    const store = await PostgresHistoryStore.open(pool);
    const state = Y.encodeStateAsUpdate(paragraphDoc('Мастер-класс «Глиняная игрушка»'));
    const source = async () => {
      await pool.query('SELECT 1');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      return doc;
    };
    const errors: string[] = [];
    const log: Logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: (msg, fields) => void errors.push(`${msg}: ${String(fields?.error)}`)
    };
    const keeper = new VersionKeeper(store, source, log, OPTIONS, new ManualClock());
    const rooms = Array.from({ length: 30 }, (_, i) => `ws-belgorod/doc-${i}`);
    for (const room of rooms) keeper.edited(room, [{ id: 'maria', name: 'Мария Петровна' }]);
    await keeper.close();

    expect(errors).toEqual([]);
    const kept = await Promise.all(rooms.map((room) => store.list(room)));
    expect(kept.map((versions) => versions.map((v) => v.kind))).toEqual(rooms.map(() => ['auto']));
  });
});
