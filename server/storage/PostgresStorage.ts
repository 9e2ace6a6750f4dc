import type { Pool, PoolClient } from 'pg';
import { migratePostgres } from '../db/migrations.ts';
import { foldUpdates, workspaceOf } from './foldUpdates.ts';
import type { AppendEntry, RoomClock, RoomStorage, StoredRoom } from './RoomStorage.ts';
import { ROOM_SCHEMA } from './roomSchema.ts';

/** Namespace of the per-room advisory locks compaction takes (the second key is the room's hash). */
const COMPACTION_LOCK = 0x757a6c; // "uzl"

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const fromBuffer = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * Documents in PostgreSQL, shared by every server process on the database. Sequence numbers come
 * from a per-workspace counter row that the appending transaction holds until it commits, so a
 * workspace's updates commit in sequence order and a `changes?since=` cursor never skips one.
 * The pool belongs to the caller (one per process, shared by every store): `close` leaves it open.
 */
export class PostgresStorage implements RoomStorage {
  readonly #pool: Pool;

  private constructor(pool: Pool) {
    this.#pool = pool;
  }

  static async open(pool: Pool): Promise<PostgresStorage> {
    await migratePostgres(pool, ROOM_SCHEMA);
    return new PostgresStorage(pool);
  }

  async #transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async load(room: string): Promise<StoredRoom> {
    // One statement, so it reads one snapshot of the database: a compaction committing between
    // two reads could otherwise move updates into a snapshot this load had already read.
    const { rows } = await this.#pool.query<{ kind: string; seq: string; data: Buffer }>(
      `SELECT 's' AS kind, up_to_seq AS seq, data FROM room_snapshots WHERE room = $1
       UNION ALL
       SELECT 'u' AS kind, seq, data FROM room_updates WHERE room = $1
       ORDER BY kind, seq`,
      [room]
    );
    let snapshot: Uint8Array | null = null;
    let clock = 0;
    const updates: StoredRoom['updates'] = [];
    for (const row of rows) {
      const seq = Number(row.seq);
      clock = Math.max(clock, seq);
      if (row.kind === 's') snapshot = fromBuffer(row.data);
      else updates.push({ seq, data: fromBuffer(row.data) });
    }
    return { snapshot, updates, clock };
  }

  async append(entries: AppendEntry[]): Promise<number[]> {
    return (await this.#append(entries)).map((c) => c.seq);
  }

  appendChained(entries: AppendEntry[]): Promise<{ seq: number; prevSeq: number }[]> {
    return this.#append(entries);
  }

  async #append(entries: AppendEntry[]): Promise<{ seq: number; prevSeq: number }[]> {
    if (entries.length === 0) return [];
    for (const e of entries)
      if (!(e.update instanceof Uint8Array)) throw new TypeError(`No update for room ${e.room}`);
    const byWorkspace = new Map<string, number[]>();
    entries.forEach((e, i) => {
      const ws = workspaceOf(e.room);
      byWorkspace.set(ws, [...(byWorkspace.get(ws) ?? []), i]);
    });
    return this.#transaction(async (client) => {
      const seqs = new Array<number>(entries.length);
      // Counter rows are locked in one order everywhere, so two multi-workspace batches never
      // wait for each other in a cycle.
      for (const ws of [...byWorkspace.keys()].sort()) {
        const indices = byWorkspace.get(ws)!;
        const { rows } = await client.query<{ seq: string }>(
          `INSERT INTO workspace_sequences (workspace, seq) VALUES ($1, $2)
           ON CONFLICT (workspace) DO UPDATE SET seq = workspace_sequences.seq + EXCLUDED.seq
           RETURNING seq`,
          [ws, indices.length]
        );
        const last = Number(rows[0]!.seq);
        indices.forEach((entryIndex, k) => (seqs[entryIndex] = last - indices.length + 1 + k));
      }
      const now = Date.now();
      await client.query(
        `INSERT INTO room_updates (room, seq, data, created_at)
         SELECT room, seq, data, $4 FROM unnest($1::text[], $2::int8[], $3::bytea[]) AS t(room, seq, data)`,
        [entries.map((e) => e.room), seqs, entries.map((e) => toBuffer(e.update)), now]
      );
      const clocks = new Map<string, { clock: number; bytes: number }>();
      entries.forEach((e, i) => {
        const c = clocks.get(e.room) ?? { clock: 0, bytes: 0 };
        clocks.set(e.room, {
          clock: Math.max(c.clock, seqs[i]!),
          bytes: c.bytes + e.update.byteLength
        });
      });
      const rooms = [...clocks.keys()].sort();
      // Read under the counter rows' locks: the transaction before ours in each workspace has
      // committed, the next one waits, so these are the rooms' clocks just before this batch.
      const before = await client.query<{ room: string; clock: string }>(
        'SELECT room, clock FROM room_clocks WHERE room = ANY($1::text[])',
        [rooms]
      );
      const last = new Map(before.rows.map((r) => [r.room, Number(r.clock)]));
      const chained = entries.map((e, i) => {
        const prevSeq = last.get(e.room) ?? 0;
        last.set(e.room, seqs[i]!);
        return { seq: seqs[i]!, prevSeq };
      });
      await client.query(
        `INSERT INTO room_clocks (room, workspace, clock, bytes)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[])
         ON CONFLICT (room) DO UPDATE SET clock = GREATEST(room_clocks.clock, EXCLUDED.clock),
           bytes = room_clocks.bytes + EXCLUDED.bytes`,
        [
          rooms,
          rooms.map(workspaceOf),
          rooms.map((r) => clocks.get(r)!.clock),
          rooms.map((r) => clocks.get(r)!.bytes)
        ]
      );
      await this.#claim(client, entries);
      return chained;
    });
  }

  /** Binds client ids to their first writer; a bound id keeps its subject (first subject wins). */
  async #claim(client: PoolClient, entries: AppendEntry[]): Promise<void> {
    const first = new Map<string, { room: string; client: number; subject: string }>();
    for (const e of entries)
      for (const id of e.claims?.clients ?? []) {
        const key = `${e.room}\u0000${id}`;
        if (!first.has(key))
          first.set(key, { room: e.room, client: id, subject: e.claims!.subject });
      }
    if (first.size === 0) return;
    const claims = [...first.values()];
    await client.query(
      `INSERT INTO room_client_owners (room, client, subject)
       SELECT * FROM unnest($1::text[], $2::int8[], $3::text[])
       ON CONFLICT (room, client) DO NOTHING`,
      [claims.map((c) => c.room), claims.map((c) => c.client), claims.map((c) => c.subject)]
    );
  }

  async clientOwners(room: string): Promise<Map<number, string>> {
    const { rows } = await this.#pool.query<{ client: string; subject: string }>(
      'SELECT client, subject FROM room_client_owners WHERE room = $1',
      [room]
    );
    return new Map(rows.map((r) => [Number(r.client), r.subject]));
  }

  async compact(room: string): Promise<void> {
    await this.#transaction(async (client) => {
      // Two processes compacting one room take turns; appends need no lock here, because only
      // the rows read are deleted and a later commit only adds rows.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACTION_LOCK, room]);
      const snapshot = await client.query<{ data: Buffer; up_to_seq: string }>(
        'SELECT data, up_to_seq FROM room_snapshots WHERE room = $1',
        [room]
      );
      const { rows } = await client.query<{ id: string; seq: string; data: Buffer }>(
        'SELECT id, seq, data FROM room_updates WHERE room = $1 ORDER BY seq',
        [room]
      );
      if (rows.length === 0 && snapshot.rows.length === 0) return;
      const state = foldUpdates(
        snapshot.rows[0] ? fromBuffer(snapshot.rows[0].data) : null,
        rows.map((r) => fromBuffer(r.data))
      );
      const upToSeq = Math.max(
        Number(snapshot.rows[0]?.up_to_seq ?? 0),
        Number(rows.at(-1)?.seq ?? 0)
      );
      await client.query('DELETE FROM room_updates WHERE id = ANY($1::int8[])', [
        rows.map((r) => r.id)
      ]);
      await client.query(
        `INSERT INTO room_snapshots (room, data, up_to_seq, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (room) DO UPDATE SET data = EXCLUDED.data,
           up_to_seq = GREATEST(room_snapshots.up_to_seq, EXCLUDED.up_to_seq),
           updated_at = EXCLUDED.updated_at`,
        [room, toBuffer(state), upToSeq, Date.now()]
      );
      // Compaction keeps the content, so the clock stays; only the stored size changes.
      await client.query(
        `INSERT INTO room_clocks (room, workspace, clock, bytes)
         VALUES ($1, $2, $3, $4 + (SELECT COALESCE(SUM(length(data)), 0) FROM room_updates WHERE room = $1))
         ON CONFLICT (room) DO UPDATE SET bytes = EXCLUDED.bytes,
           clock = GREATEST(room_clocks.clock, EXCLUDED.clock)`,
        [room, workspaceOf(room), upToSeq, state.byteLength]
      );
    });
  }

  async listRooms(prefix = ''): Promise<string[]> {
    // Every room with anything stored has a clock row. Compared with left() rather than LIKE (no
    // wildcards to escape), sorted by code point like the SQLite engine.
    const { rows } = await this.#pool.query<{ room: string }>(
      `SELECT room FROM room_clocks WHERE left(room, length($1)) = $1 ORDER BY room COLLATE "C"`,
      [prefix]
    );
    return rows.map((r) => r.room);
  }

  async changedRooms(workspaceId: string, since: number, limit: number): Promise<RoomClock[]> {
    const { rows } = await this.#pool.query<{ room: string; clock: string; bytes: string }>(
      `SELECT room, clock, bytes FROM room_clocks WHERE workspace = $1 AND clock > $2
       ORDER BY clock LIMIT $3`,
      [workspaceId, since, limit]
    );
    return rows.map((r) => ({ room: r.room, clock: Number(r.clock), bytes: Number(r.bytes) }));
  }

  async roomClock(room: string): Promise<number> {
    const { rows } = await this.#pool.query<{ clock: string }>(
      'SELECT clock FROM room_clocks WHERE room = $1',
      [room]
    );
    return rows[0] ? Number(rows[0].clock) : 0;
  }

  async close(): Promise<void> {}
}
