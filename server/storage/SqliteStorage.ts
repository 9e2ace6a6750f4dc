import type Database from 'better-sqlite3';
import { migrateSqlite } from '../db/migrations.ts';
import { ROOM_SCHEMA } from './roomSchema.ts';
import { openSqliteFile } from '../db/sqliteFile.ts';
import { SqliteWriter } from './SqliteWriter.ts';
import { SELECT_ROOM_SNAPSHOT, SELECT_ROOM_UPDATES } from './sqliteSql.ts';
import type { AppendEntry, RoomClock, RoomStorage, StoredRoom } from './RoomStorage.ts';

export { workspaceOf } from './foldUpdates.ts';

export type SqliteOptions = { synchronous?: 'full' | 'normal' };

/**
 * The embedded default engine: one SQLite file in WAL mode. Reads run on this thread's
 * connection (WAL lets them go on beside a write); every write runs on the writer thread's own
 * connection, so a commit waiting for the disk never holds back the event loop.
 */
export class SqliteStorage implements RoomStorage {
  readonly #db: Database.Database;
  readonly #selectUpdates: Database.Statement<[string], { seq: number; data: Buffer }>;
  readonly #selectSnapshot: Database.Statement<[string], { data: Buffer; up_to_seq: number }>;
  readonly #selectChanged: Database.Statement<[string, number, number], RoomClock>;
  readonly #selectClock: Database.Statement<[string], { clock: number }>;
  readonly #selectOwners: Database.Statement<[string], { client: number; subject: string }>;
  /** Appends and compactions, on a thread of their own (see SqliteWriter). */
  readonly #writer: SqliteWriter;
  readonly #readRoom: (room: string) => StoredRoom;

  constructor(file: string, options: SqliteOptions = {}) {
    // Created 0600: the documents are nobody else's on the machine.
    this.#db = openSqliteFile(file, options.synchronous ?? 'full');
    migrateSqlite(this.#db, ROOM_SCHEMA);
    this.#writer = new SqliteWriter(file, options.synchronous ?? 'full');

    this.#selectUpdates = this.#db.prepare(SELECT_ROOM_UPDATES);
    this.#selectSnapshot = this.#db.prepare(SELECT_ROOM_SNAPSHOT);
    this.#selectChanged = this.#db.prepare(
      `SELECT room, clock, bytes FROM room_clocks WHERE workspace = ? AND clock > ?
       ORDER BY clock LIMIT ?`
    );
    this.#selectClock = this.#db.prepare('SELECT clock FROM room_clocks WHERE room = ?');
    this.#selectOwners = this.#db.prepare(
      'SELECT client, subject FROM room_client_owners WHERE room = ?'
    );
    // Snapshot and updates from one read transaction: a compaction the writer commits between
    // the two reads would otherwise hand out the old snapshot without the updates it folded.
    this.#readRoom = this.#db.transaction((room: string): StoredRoom => {
      const snapshot = this.#selectSnapshot.get(room);
      const updates = this.#selectUpdates
        .all(room)
        .map((r) => ({ seq: r.seq, data: new Uint8Array(r.data) }));
      const clock = Math.max(snapshot?.up_to_seq ?? 0, updates.at(-1)?.seq ?? 0);
      return { snapshot: snapshot ? new Uint8Array(snapshot.data) : null, updates, clock };
    });
  }

  async load(room: string): Promise<StoredRoom> {
    return this.#readRoom(room);
  }

  async clientOwners(room: string): Promise<Map<number, string>> {
    return new Map(this.#selectOwners.all(room).map((r) => [r.client, r.subject]));
  }

  async changedRooms(workspaceId: string, since: number, limit: number): Promise<RoomClock[]> {
    return this.#selectChanged.all(workspaceId, since, limit);
  }

  async roomClock(room: string): Promise<number> {
    return this.#selectClock.get(room)?.clock ?? 0;
  }

  async append(entries: AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    return this.#writer.append(entries);
  }

  /**
   * Folds the rows it reads inside one write transaction (on the writer's connection): no other
   * connection (another process on the same file) can commit between the read and the delete,
   * so only rows read go.
   */
  async compact(room: string): Promise<void> {
    await this.#writer.compact(room);
  }

  async listRooms(prefix = ''): Promise<string[]> {
    // Compared with substr rather than LIKE: LIKE ignores ASCII case, and room ids are
    // case-sensitive (workspace "aB" is not workspace "ab"); it also has no wildcards to escape.
    const rows = this.#db
      .prepare(
        `SELECT room FROM room_updates WHERE substr(room, 1, length(@prefix)) = @prefix
         UNION SELECT room FROM room_snapshots WHERE substr(room, 1, length(@prefix)) = @prefix ORDER BY room`
      )
      .all({ prefix }) as { room: string }[];
    return rows.map((r) => r.room);
  }

  async close(): Promise<void> {
    await this.#writer.close();
    if (this.#db.open) this.#db.close();
  }
}
