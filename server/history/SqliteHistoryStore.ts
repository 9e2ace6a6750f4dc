import type Database from 'better-sqlite3';
import { migrateSqlite } from '../db/migrations.ts';
import { openSqliteFile, type SqliteSync } from '../db/sqliteFile.ts';
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
  id: number;
  created_at: number;
  kind: VersionKind;
  name: string | null;
  saved_by: string | null;
  saved_by_id: string | null;
  authors: string;
  author_ids: string | null;
};

const LISTED = 'id, created_at, kind, name, saved_by, saved_by_id, authors, author_ids';

const people = (r: Row) =>
  fromColumns({
    savedBy: r.saved_by,
    savedById: r.saved_by_id,
    authors: JSON.parse(r.authors) as string[],
    authorIds: r.author_ids === null ? null : (JSON.parse(r.author_ids) as string[])
  });

const info = (r: Row): VersionRecord => ({
  id: r.id,
  createdAt: r.created_at,
  kind: r.kind,
  name: r.name,
  ...people(r)
});

/** Versions in `history.sqlite`, beside the documents' own file. */
export class SqliteHistoryStore implements HistoryStore {
  readonly #db: Database.Database;

  constructor(file: string, synchronous: SqliteSync = 'full') {
    this.#db = openSqliteFile(file, synchronous);
    try {
      migrateSqlite(this.#db, HISTORY_SCHEMA);
    } catch (err) {
      this.#db.close();
      throw err;
    }
  }

  async add(room: string, version: NewVersion): Promise<VersionRecord> {
    const { state, ...listed } = version;
    const columns = toColumns(version.savedBy, version.authors);
    const result = this.#db
      .prepare(
        `INSERT INTO versions
           (room, created_at, kind, name, saved_by, saved_by_id, authors, author_ids, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        room,
        version.createdAt,
        version.kind,
        version.name,
        columns.savedBy,
        columns.savedById,
        JSON.stringify(columns.authors),
        JSON.stringify(columns.authorIds),
        state
      );
    return { ...listed, id: Number(result.lastInsertRowid) };
  }

  async list(room: string): Promise<VersionRecord[]> {
    return this.#db
      .prepare<[string], Row>(
        `SELECT ${LISTED} FROM versions WHERE room = ? ORDER BY created_at DESC, id DESC`
      )
      .all(room)
      .map(info);
  }

  async get(room: string, id: number): Promise<StoredVersion | null> {
    const row = this.#db
      .prepare<[string, number], Row & { state: Buffer }>(
        `SELECT ${LISTED}, state FROM versions WHERE room = ? AND id = ?`
      )
      .get(room, id);
    return row ? { ...info(row), state: new Uint8Array(row.state) } : null;
  }

  async latestState(room: string): Promise<Uint8Array | null> {
    const row = this.#db
      .prepare<[string], { state: Buffer }>(
        'SELECT state FROM versions WHERE room = ? ORDER BY created_at DESC, id DESC LIMIT 1'
      )
      .get(room);
    return row ? new Uint8Array(row.state) : null;
  }

  async drop(room: string, ids: number[], authorsTo: Map<number, VersionAuthor[]>): Promise<void> {
    if (ids.length === 0) return;
    const remove = this.#db.prepare('DELETE FROM versions WHERE room = ? AND id = ?');
    const setAuthors = this.#db.prepare(
      'UPDATE versions SET authors = ?, author_ids = ? WHERE room = ? AND id = ?'
    );
    this.#db.transaction(() => {
      for (const id of ids) remove.run(room, id);
      for (const [id, authors] of authorsTo) {
        const columns = toColumns(null, authors);
        setAuthors.run(
          JSON.stringify(columns.authors),
          JSON.stringify(columns.authorIds),
          room,
          id
        );
      }
    })();
  }

  async renameAuthor(authorId: string, name: string): Promise<void> {
    // instr() narrows the scan to rows that mention the id; `renamed` checks it exactly.
    const rows = this.#db
      .prepare<[string, string], Row>(
        `SELECT ${LISTED} FROM versions WHERE saved_by_id = ? OR instr(author_ids, ?) > 0`
      )
      .all(authorId, JSON.stringify(authorId));
    const update = this.#db.prepare('UPDATE versions SET saved_by = ?, authors = ? WHERE id = ?');
    this.#db.transaction(() => {
      for (const row of rows) {
        const next = renamed(people(row), authorId, name);
        if (!next) continue;
        const columns = toColumns(next.savedBy, next.authors);
        update.run(columns.savedBy, JSON.stringify(columns.authors), row.id);
      }
    })();
  }

  /** One process owns a SQLite file: its own queue per room is already exclusive. */
  exclusive<T>(_room: string, task: () => Promise<T>): Promise<T | undefined> {
    return task();
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
