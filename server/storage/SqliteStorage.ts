import type Database from 'better-sqlite3';
import { migrateSqlite } from '../db/migrations.ts';
import { foldUpdates } from './foldUpdates.ts';
import { ROOM_SCHEMA } from './roomSchema.ts';
import { openSqliteFile } from '../db/sqliteFile.ts';
import type { AppendEntry, RoomClock, RoomStorage, StoredRoom } from './RoomStorage.ts';

/** The workspace part of a room name (`<workspaceId>/<docId>`); the whole name if it has no `/`. */
export function workspaceOf(room: string): string {
  const slash = room.indexOf('/');
  return slash < 0 ? room : room.slice(0, slash);
}

export type SqliteOptions = { synchronous?: 'full' | 'normal' };

/**
 * The embedded default engine: one SQLite file in WAL mode. better-sqlite3 is synchronous, which
 * is what makes "committed before fanned out" cheap: a batch is one short transaction.
 */
export class SqliteStorage implements RoomStorage {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[string, Uint8Array, number]>;
  readonly #selectUpdates: Database.Statement<[string], { seq: number; data: Buffer }>;
  readonly #selectSnapshot: Database.Statement<[string], { data: Buffer; up_to_seq: number }>;
  readonly #selectChanged: Database.Statement<[string, number, number], RoomClock>;
  readonly #selectClock: Database.Statement<[string], { clock: number }>;
  readonly #selectOwners: Database.Statement<[string], { client: number; subject: string }>;
  readonly #appendAll: (entries: AppendEntry[]) => number[];
  readonly #compact: (room: string) => void;

  constructor(file: string, options: SqliteOptions = {}) {
    // Created 0600: the documents are nobody else's on the machine.
    this.#db = openSqliteFile(file, options.synchronous ?? 'full');
    migrateSqlite(this.#db, ROOM_SCHEMA);

    this.#insert = this.#db.prepare(
      'INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)'
    );
    this.#selectUpdates = this.#db.prepare(
      'SELECT seq, data FROM room_updates WHERE room = ? ORDER BY seq'
    );
    this.#selectSnapshot = this.#db.prepare(
      'SELECT data, up_to_seq FROM room_snapshots WHERE room = ?'
    );
    this.#selectChanged = this.#db.prepare(
      `SELECT room, clock, bytes FROM room_clocks WHERE workspace = ? AND clock > ?
       ORDER BY clock LIMIT ?`
    );
    this.#selectClock = this.#db.prepare('SELECT clock FROM room_clocks WHERE room = ?');
    this.#selectOwners = this.#db.prepare(
      'SELECT client, subject FROM room_client_owners WHERE room = ?'
    );
    const claim = this.#db.prepare(
      'INSERT OR IGNORE INTO room_client_owners (room, client, subject) VALUES (?, ?, ?)'
    );
    const bumpClock = this.#db.prepare(
      `INSERT INTO room_clocks (room, workspace, clock, bytes) VALUES (?, ?, ?, ?)
       ON CONFLICT (room) DO UPDATE SET clock = max(clock, excluded.clock),
         bytes = bytes + excluded.bytes`
    );
    // Compaction keeps the content, so the clock stays; only the stored size changes.
    const resizeAfterCompact = this.#db.prepare(
      `INSERT INTO room_clocks (room, workspace, clock, bytes)
       VALUES (@room, @workspace, @upToSeq, @size + (SELECT COALESCE(SUM(length(data)), 0)
         FROM room_updates WHERE room = @room))
       ON CONFLICT (room) DO UPDATE SET bytes = excluded.bytes, clock = max(clock, excluded.clock)`
    );
    const deleteUpTo = this.#db.prepare('DELETE FROM room_updates WHERE room = ? AND seq <= ?');
    const upsertSnapshot = this.#db.prepare(
      `INSERT INTO room_snapshots (room, data, up_to_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (room) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq,
         updated_at = excluded.updated_at`
    );

    this.#appendAll = this.#db.transaction((entries: AppendEntry[]) => {
      const now = Date.now();
      return entries.map((e) => {
        const seq = Number(this.#insert.run(e.room, e.update, now).lastInsertRowid);
        bumpClock.run(e.room, workspaceOf(e.room), seq, e.update.byteLength);
        for (const client of e.claims?.clients ?? []) claim.run(e.room, client, e.claims!.subject);
        return seq;
      });
    });
    // Folds the rows it reads inside one write transaction: no other connection (another process
    // on the same file) can commit between the read and the delete, so only rows read go.
    const compactStored = this.#db.transaction((room: string) => {
      const snapshot = this.#selectSnapshot.get(room);
      const rows = this.#selectUpdates.all(room);
      if (!snapshot && rows.length === 0) return;
      const state = foldUpdates(
        snapshot ? new Uint8Array(snapshot.data) : null,
        rows.map((r) => new Uint8Array(r.data))
      );
      const upToSeq = Math.max(snapshot?.up_to_seq ?? 0, rows.at(-1)?.seq ?? 0);
      deleteUpTo.run(room, upToSeq);
      upsertSnapshot.run(room, state, upToSeq, Date.now());
      resizeAfterCompact.run({
        room,
        workspace: workspaceOf(room),
        upToSeq,
        size: state.byteLength
      });
    });
    this.#compact = (room) => compactStored.immediate(room);
  }

  async load(room: string): Promise<StoredRoom> {
    const snapshot = this.#selectSnapshot.get(room);
    const updates = this.#selectUpdates
      .all(room)
      .map((r) => ({ seq: r.seq, data: new Uint8Array(r.data) }));
    const clock = Math.max(snapshot?.up_to_seq ?? 0, updates.at(-1)?.seq ?? 0);
    return { snapshot: snapshot ? new Uint8Array(snapshot.data) : null, updates, clock };
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
    return this.#appendAll(entries);
  }

  async compact(room: string): Promise<void> {
    this.#compact(room);
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
    if (this.#db.open) this.#db.close();
  }
}
