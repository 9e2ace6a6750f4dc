import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../../server/db/postgres.ts';
import { PostgresStorage } from '../../../server/storage/PostgresStorage.ts';
import { spawnRelay, type ChildRelay } from '../helpers/childRelay.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { AckedWriter, linesOfUpdate, ownerWithWorkspace, storedLines } from './writers.ts';

const WRITES = 24;

/**
 * Every insert into room_updates, as the database committed it: a trigger of the test's own on
 * the real table (the servers do not know it is there).
 */
const RECORD_APPENDS = `
  CREATE TABLE test_appends (room TEXT NOT NULL, seq BIGINT NOT NULL, data BYTEA NOT NULL);
  CREATE FUNCTION test_record_append() RETURNS trigger AS $$
    BEGIN INSERT INTO test_appends VALUES (NEW.room, NEW.seq, NEW.data); RETURN NEW; END
  $$ LANGUAGE plpgsql;
  CREATE TRIGGER test_record_append AFTER INSERT ON room_updates
    FOR EACH ROW EXECUTE FUNCTION test_record_append();`;

describe('DB6 two server processes on one PostgreSQL database, without Redis', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const instances: ChildRelay[] = [];
  const dirs: { remove: () => void }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    pool.on('error', () => {});
    // Compacting every few updates, so both processes compact the shared room while the other
    // keeps writing to it.
    const env = {
      DATABASE_URL: database.url,
      SAMPLE_DATA: 'off',
      COMPACT_AFTER_UPDATES: '4',
      ROOM_IDLE_MS: '60000'
    };
    for (let i = 0; i < 2; i++) {
      const dir = makeTempDir();
      dirs.push(dir);
      instances.push(await spawnRelay(dir.dir, env));
      // After the first start the tables exist; recorded before anyone writes.
      if (i === 0) await pool.query(RECORD_APPENDS);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.kill()));
    await pool?.end();
    await database?.drop();
    for (const dir of dirs) dir.remove();
  });

  it('DB6 every acknowledged update of the same and of different rooms is stored; clocks are handed out once each, in order', async () => {
    const { client, workspaceId } = await ownerWithWorkspace(instances[0]!.url);
    const cookie = client.cookie!;
    const shared = `${workspaceId}/plan-proekta`;
    const writers = [
      { name: 'A', writer: await AckedWriter.open(instances[0]!.syncUrl, shared, cookie) },
      { name: 'B', writer: await AckedWriter.open(instances[1]!.syncUrl, shared, cookie) },
      {
        name: 'C',
        writer: await AckedWriter.open(instances[0]!.syncUrl, `${workspaceId}/afisha`, cookie)
      },
      {
        name: 'D',
        writer: await AckedWriter.open(instances[1]!.syncUrl, `${workspaceId}/otchet`, cookie)
      }
    ];
    await Promise.all(
      writers.map(async ({ name, writer }) => {
        for (let i = 0; i < WRITES; i++)
          expect(await writer.write(`${name}${i} Мастер-класс`)).toBe(true);
      })
    );
    for (const { writer } of writers) await writer.socket.close();

    // Read back from PostgreSQL alone, through a third pool: what the two servers left there.
    const readerPool = await connectPostgres(database.url, { max: 2 });
    try {
      const storage = await PostgresStorage.open(readerPool);
      const expected = new Map<string, string[]>([
        [shared, [...writers[0]!.writer.acknowledged, ...writers[1]!.writer.acknowledged]],
        [`${workspaceId}/afisha`, writers[2]!.writer.acknowledged],
        [`${workspaceId}/otchet`, writers[3]!.writer.acknowledged]
      ]);
      for (const [room, lines] of expected) {
        expect(lines).toHaveLength(room === shared ? 2 * WRITES : WRITES);
        expect(new Set(storedLines(await storage.load(room)))).toEqual(new Set(lines));
      }
      // Both processes compacted the shared room while the other wrote to it.
      const snapshots = await pool.query('SELECT room FROM room_snapshots WHERE room = $1', [
        shared
      ]);
      expect(snapshots.rowCount).toBe(1);

      // Each acknowledged update was inserted once, with a clock nobody else got: the
      // workspace's clocks run 1, 2, 3… without a gap or a repeat.
      const appends = await pool.query<{ room: string; seq: string; data: Buffer }>(
        `SELECT room, seq, data FROM test_appends WHERE left(room, length($1)) = $1 ORDER BY seq`,
        [`${workspaceId}/`]
      );
      const seqs = appends.rows.map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: 4 * WRITES }, (_, i) => i + 1));
      // …and in the order each writer was acknowledged: commit order is clock order.
      const lineSeq = new Map<string, number>();
      for (const row of appends.rows)
        for (const line of linesOfUpdate(new Uint8Array(row.data)))
          lineSeq.set(line, Number(row.seq));
      for (const { writer } of writers) {
        const order = writer.acknowledged.map((line) => lineSeq.get(line)!);
        expect(order.every((seq, i) => i === 0 || seq > order[i - 1]!)).toBe(true);
      }
      // A room's clock is its last update's, and a client's `changes?since=` cursor finds each
      // room once.
      for (const room of expected.keys()) {
        const last = Math.max(
          ...appends.rows.filter((r) => r.room === room).map((r) => Number(r.seq))
        );
        expect(await storage.roomClock(room)).toBe(last);
      }
      const changed = await storage.changedRooms(workspaceId, 0, 100);
      expect(changed.map((c) => c.room).sort()).toEqual([...expected.keys()].sort());
      const sequence = await pool.query(
        'SELECT seq FROM workspace_sequences WHERE workspace = $1',
        [workspaceId]
      );
      expect(Number(sequence.rows[0].seq)).toBe(4 * WRITES);
    } finally {
      await readerPool.end();
    }
  }, 120_000);
});
