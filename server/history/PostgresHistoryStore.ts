import pLimit, { type LimitFunction } from 'p-limit';
import type { Pool, PoolClient } from 'pg';
import { migratePostgres } from '../db/migrations.ts';
import { HISTORY_SCHEMA } from './historySchema.ts';
import type {
  HistoryStore,
  NewVersion,
  StoredVersion,
  VersionAuthor,
  VersionKind,
  VersionRecord
} from './HistoryStore.ts';
import { fromColumns, renamed, toColumns } from './versionAuthors.ts';

type Row = {
  // BIGINT columns arrive as strings; ids and times stay far below 2^53.
  id: string;
  created_at: string;
  kind: VersionKind;
  name: string | null;
  saved_by: string | null;
  saved_by_id: string | null;
  authors: string[];
  author_ids: string[] | null;
};

/** Namespace of the per-room advisory locks automatic versions take (the second key hashes the room). */
const VERSION_LOCK = 0x757a76; // "uzv"

/**
 * How many locked sections may hold a pooled client at once. The task inside one needs clients of
 * the same pool (the document's state, the latest version, the insert): with every client held
 * by a section waiting for another, all of them waited until the pool's connect timeout, and on a
 * shutdown of 200 rooms no version was kept. Capped below the pool's size, the rest always move.
 */
function lockedSections(pool: Pool): LimitFunction {
  const size = pool.options.max ?? 10;
  return pLimit(Math.max(1, Math.min(4, Math.floor(size / 2))));
}

const LISTED = 'id, created_at, kind, name, saved_by, saved_by_id, authors, author_ids';

const people = (r: Row) =>
  fromColumns({
    savedBy: r.saved_by,
    savedById: r.saved_by_id,
    authors: r.authors,
    authorIds: r.author_ids
  });

const info = (r: Row): VersionRecord => ({
  id: Number(r.id),
  createdAt: Number(r.created_at),
  kind: r.kind,
  name: r.name,
  ...people(r)
});

/** Versions in the shared PostgreSQL database, so every instance lists the same history. */
export class PostgresHistoryStore implements HistoryStore {
  readonly #pool: Pool;
  readonly #locked: LimitFunction;

  private constructor(pool: Pool) {
    this.#pool = pool;
    this.#locked = lockedSections(pool);
  }

  /**
   * A session-level advisory lock on one pooled client, held while `task` runs: another instance
   * whose timer fires at the same moment finds it taken and leaves the version to this one (and
   * one that comes later finds the content already kept, and skips).
   */
  exclusive<T>(room: string, task: () => Promise<T>): Promise<T | undefined> {
    return this.#locked(() => this.#exclusive(room, task));
  }

  async #exclusive<T>(room: string, task: () => Promise<T>): Promise<T | undefined> {
    const client = await this.#pool.connect();
    try {
      const { rows } = await client.query<{ got: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS got',
        [VERSION_LOCK, room]
      );
      if (!rows[0]?.got) return undefined;
      try {
        return await task();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [VERSION_LOCK, room]);
      }
    } finally {
      client.release();
    }
  }

  static async open(pool: Pool): Promise<PostgresHistoryStore> {
    await migratePostgres(pool, HISTORY_SCHEMA);
    return new PostgresHistoryStore(pool);
  }

  async add(room: string, version: NewVersion): Promise<VersionRecord> {
    const { state, ...listed } = version;
    const columns = toColumns(version.savedBy, version.authors);
    const result = await this.#pool.query<{ id: string }>(
      `INSERT INTO history_versions
         (room, created_at, kind, name, saved_by, saved_by_id, authors, author_ids, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        room,
        version.createdAt,
        version.kind,
        version.name,
        columns.savedBy,
        columns.savedById,
        JSON.stringify(columns.authors),
        JSON.stringify(columns.authorIds),
        Buffer.from(state)
      ]
    );
    return { ...listed, id: Number(result.rows[0]!.id) };
  }

  async list(room: string): Promise<VersionRecord[]> {
    const result = await this.#pool.query<Row>(
      `SELECT ${LISTED} FROM history_versions WHERE room = $1 ORDER BY created_at DESC, id DESC`,
      [room]
    );
    return result.rows.map(info);
  }

  async get(room: string, id: number): Promise<StoredVersion | null> {
    const result = await this.#pool.query<Row & { state: Buffer }>(
      `SELECT ${LISTED}, state FROM history_versions WHERE room = $1 AND id = $2`,
      [room, id]
    );
    const row = result.rows[0];
    return row ? { ...info(row), state: new Uint8Array(row.state) } : null;
  }

  async latestState(room: string): Promise<Uint8Array | null> {
    const result = await this.#pool.query<{ state: Buffer }>(
      `SELECT state FROM history_versions WHERE room = $1
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [room]
    );
    const row = result.rows[0];
    return row ? new Uint8Array(row.state) : null;
  }

  async drop(room: string, ids: number[], authorsTo: Map<number, VersionAuthor[]>): Promise<void> {
    if (ids.length === 0) return;
    await this.#transaction(async (client) => {
      await client.query(
        'DELETE FROM history_versions WHERE room = $1 AND id = ANY($2::bigint[])',
        [room, ids]
      );
      for (const [id, authors] of authorsTo) {
        const columns = toColumns(null, authors);
        await client.query(
          'UPDATE history_versions SET authors = $1, author_ids = $2 WHERE room = $3 AND id = $4',
          [JSON.stringify(columns.authors), JSON.stringify(columns.authorIds), room, id]
        );
      }
    });
  }

  async renameAuthor(authorId: string, name: string): Promise<void> {
    await this.#transaction(async (client) => {
      // FOR UPDATE: thinning on another instance must not put the old names back meanwhile.
      const { rows } = await client.query<Row>(
        `SELECT ${LISTED} FROM history_versions
         WHERE saved_by_id = $1 OR jsonb_exists(author_ids, $1) FOR UPDATE`,
        [authorId]
      );
      for (const row of rows) {
        const next = renamed(people(row), authorId, name);
        if (!next) continue;
        const columns = toColumns(next.savedBy, next.authors);
        await client.query(
          'UPDATE history_versions SET saved_by = $1, authors = $2 WHERE id = $3',
          [columns.savedBy, JSON.stringify(columns.authors), row.id]
        );
      }
    });
  }

  async #transaction(task: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await task(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** The pool belongs to the engine, which closes it once every store is done. */
  async close(): Promise<void> {}
}
