import Database from 'better-sqlite3';

/**
 * Versions live in their own file (`history.sqlite`), beside the documents (`uzel.sqlite`): the
 * room store stays an engine behind the small RoomStorage interface and is never written by
 * history, while history can be backed up, bounded or wiped on its own without touching a single
 * document. Versions apply in order; `user_version` records how far a file has come.
 */
const MIGRATIONS = [
  `CREATE TABLE versions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     room TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('auto', 'named')),
     name TEXT,
     saved_by TEXT,
     authors TEXT NOT NULL,
     state BLOB NOT NULL
   );
   CREATE INDEX versions_by_room ON versions (room, created_at);`
];

export type VersionKind = 'auto' | 'named';

/** A version as listed: everything but the (possibly large) state. */
export type VersionInfo = {
  id: number;
  createdAt: number;
  kind: VersionKind;
  /** The name a person gave it (named versions), or null. */
  name: string | null;
  /** Display name of who saved a named version, or null. */
  savedBy: string | null;
  /** Display names of the people whose edits arrived since the previous version. */
  authors: string[];
};

export type NewVersion = Omit<VersionInfo, 'id'> & { state: Uint8Array };

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

export class HistoryStore {
  readonly #db: Database.Database;

  constructor(file: string, options: { synchronous?: 'full' | 'normal' } = {}) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.#db.pragma('busy_timeout = 5000');
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`history.sqlite was written by a newer Uzel (schema ${version})`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.#db.transaction(() => {
        this.#db.exec(MIGRATIONS[v]!);
        this.#db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  add(room: string, version: NewVersion): VersionInfo {
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

  /** A room's versions, newest first. */
  list(room: string): VersionInfo[] {
    return this.#db
      .prepare<[string], Row>(
        `SELECT id, created_at, kind, name, saved_by, authors FROM versions
         WHERE room = ? ORDER BY created_at DESC, id DESC`
      )
      .all(room)
      .map(info);
  }

  /** One version's info and state, only if it belongs to `room` (ids are not secrets). */
  get(room: string, id: number): (VersionInfo & { state: Uint8Array }) | null {
    const row = this.#db
      .prepare<[string, number], Row & { state: Buffer }>(
        `SELECT id, created_at, kind, name, saved_by, authors, state FROM versions
         WHERE room = ? AND id = ?`
      )
      .get(room, id);
    return row ? { ...info(row), state: new Uint8Array(row.state) } : null;
  }

  /** The newest version's state, to skip an automatic version that would change nothing. */
  latestState(room: string): Uint8Array | null {
    const row = this.#db
      .prepare<[string], { state: Buffer }>(
        'SELECT state FROM versions WHERE room = ? ORDER BY created_at DESC, id DESC LIMIT 1'
      )
      .get(room);
    return row ? new Uint8Array(row.state) : null;
  }

  /**
   * Removes versions and hands their authors to the next version kept, in one transaction, so
   * thinning never loses who changed the document.
   */
  drop(room: string, ids: number[], authorsTo: Map<number, string[]>): void {
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

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
