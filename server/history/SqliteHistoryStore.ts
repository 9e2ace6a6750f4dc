import type Database from 'better-sqlite3';
import { migrateSqlite } from '../db/migrations.ts';
import { openSqliteFile, type SqliteSync } from '../db/sqliteFile.ts';
import { HISTORY_SCHEMA } from './historySchema.ts';
import type {
  HistoryStore,
  NewVersion,
  StoredVersion,
  VersionInfo,
  VersionKind
} from './HistoryStore.ts';

type Row = {
  id: number;
  created_at: number;
  kind: VersionKind;
  name: string | null;
  saved_by: string | null;
  authors: string;
};

const info = (r: Row): VersionInfo => ({
  id: r.id,
  createdAt: r.created_at,
  kind: r.kind,
  name: r.name,
  savedBy: r.saved_by,
  authors: JSON.parse(r.authors) as string[]
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

  async add(room: string, version: NewVersion): Promise<VersionInfo> {
    const { state, ...listed } = version;
    const result = this.#db
      .prepare(
        `INSERT INTO versions (room, created_at, kind, name, saved_by, authors, state)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        room,
        version.createdAt,
        version.kind,
        version.name,
        version.savedBy,
        JSON.stringify(version.authors),
        state
      );
    return { ...listed, id: Number(result.lastInsertRowid) };
  }

  async list(room: string): Promise<VersionInfo[]> {
    return this.#db
      .prepare<[string], Row>(
        `SELECT id, created_at, kind, name, saved_by, authors FROM versions
         WHERE room = ? ORDER BY created_at DESC, id DESC`
      )
      .all(room)
      .map(info);
  }

  async get(room: string, id: number): Promise<StoredVersion | null> {
    const row = this.#db
      .prepare<[string, number], Row & { state: Buffer }>(
        `SELECT id, created_at, kind, name, saved_by, authors, state FROM versions
         WHERE room = ? AND id = ?`
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

  async drop(room: string, ids: number[], authorsTo: Map<number, string[]>): Promise<void> {
    if (ids.length === 0) return;
    const remove = this.#db.prepare('DELETE FROM versions WHERE room = ? AND id = ?');
    const setAuthors = this.#db.prepare(
      'UPDATE versions SET authors = ? WHERE room = ? AND id = ?'
    );
    this.#db.transaction(() => {
      for (const id of ids) remove.run(room, id);
      for (const [id, authors] of authorsTo) setAuthors.run(JSON.stringify(authors), room, id);
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
