import type { StoreSchema } from '../db/migrations.ts';

/** The documents' file in DATA_DIR on SQLite. */
export const DOCUMENTS_FILE = 'uzel.sqlite';

/**
 * The documents store, once per engine. SQLite orders appends by its rowid (one writer at a time);
 * PostgreSQL takes each update's sequence number from a per-workspace counter row locked until
 * commit, so within a workspace sequence numbers are handed out in commit order even with several
 * writers, and a client's `changes?since=` cursor can never step over an update that commits late.
 */
export const ROOM_SCHEMA: StoreSchema = {
  store: 'documents',
  sqlite: [
    `CREATE TABLE room_updates (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       room TEXT NOT NULL,
       data BLOB NOT NULL,
       created_at INTEGER NOT NULL
     );
     CREATE INDEX room_updates_by_room ON room_updates (room, seq);
     CREATE TABLE room_snapshots (
       room TEXT PRIMARY KEY,
       data BLOB NOT NULL,
       up_to_seq INTEGER NOT NULL,
       updated_at INTEGER NOT NULL
     );`,
    // Per-room clocks (see RoomClock), kept in the transaction that appends, so a workspace's
    // changes since a client's clock are one index range instead of a scan of every update.
    `CREATE TABLE room_clocks (
       room TEXT PRIMARY KEY,
       workspace TEXT NOT NULL,
       clock INTEGER NOT NULL,
       bytes INTEGER NOT NULL
     );
     CREATE INDEX room_clocks_by_workspace ON room_clocks (workspace, clock);
     INSERT INTO room_clocks (room, workspace, clock, bytes)
       SELECT room,
              CASE WHEN instr(room, '/') > 0 THEN substr(room, 1, instr(room, '/') - 1) ELSE room END,
              MAX(clock), SUM(bytes)
       FROM (SELECT room, MAX(seq) AS clock, SUM(length(data)) AS bytes FROM room_updates GROUP BY room
             UNION ALL SELECT room, up_to_seq, length(data) FROM room_snapshots)
       GROUP BY room;`,
    // Which person first wrote each Yjs client id of a room (see ClientClaim). Files written
    // before the engines existed already have it as their version 3, so they open as they are.
    `CREATE TABLE room_client_owners (
       room TEXT NOT NULL,
       client INTEGER NOT NULL,
       subject TEXT NOT NULL,
       PRIMARY KEY (room, client)
     ) WITHOUT ROWID;`
  ],
  postgres: [
    `CREATE TABLE room_updates (
       id BIGSERIAL PRIMARY KEY,
       room TEXT NOT NULL,
       seq BIGINT NOT NULL,
       data BYTEA NOT NULL,
       created_at BIGINT NOT NULL
     );
     CREATE UNIQUE INDEX room_updates_by_room ON room_updates (room, seq);
     CREATE TABLE room_snapshots (
       room TEXT PRIMARY KEY,
       data BYTEA NOT NULL,
       up_to_seq BIGINT NOT NULL,
       updated_at BIGINT NOT NULL
     );`,
    `CREATE TABLE room_clocks (
       room TEXT PRIMARY KEY,
       workspace TEXT NOT NULL,
       clock BIGINT NOT NULL,
       bytes BIGINT NOT NULL
     );
     CREATE INDEX room_clocks_by_workspace ON room_clocks (workspace, clock);
     CREATE TABLE workspace_sequences (
       workspace TEXT PRIMARY KEY,
       seq BIGINT NOT NULL
     );`,
    `CREATE TABLE room_client_owners (
       room TEXT NOT NULL,
       client BIGINT NOT NULL,
       subject TEXT NOT NULL,
       PRIMARY KEY (room, client)
     );`
  ]
};
