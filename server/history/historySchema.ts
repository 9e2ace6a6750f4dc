import type { StoreSchema } from '../db/migrations.ts';

/**
 * The SQLite list starts with the schema `history.sqlite` has had since version history
 * arrived, so existing files (user_version 1) open unchanged.
 */
export const HISTORY_SCHEMA: StoreSchema = {
  store: 'history',
  sqlite: [
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
     CREATE INDEX versions_by_room ON versions (room, created_at);`,
    // Version 2: account ids beside the names (`versionAuthors.ts`), so a deleted person's
    // versions can say «Удалённый участник»; NULL in rows kept before.
    `ALTER TABLE versions ADD COLUMN saved_by_id TEXT;
     ALTER TABLE versions ADD COLUMN author_ids TEXT;`
  ],
  postgres: [
    `CREATE TABLE history_versions (
       id BIGSERIAL PRIMARY KEY,
       room TEXT NOT NULL,
       created_at BIGINT NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('auto', 'named')),
       name TEXT,
       saved_by TEXT,
       authors JSONB NOT NULL,
       state BYTEA NOT NULL
     );
     CREATE INDEX history_versions_by_room ON history_versions (room, created_at);`,
    `ALTER TABLE history_versions ADD COLUMN saved_by_id TEXT;
     ALTER TABLE history_versions ADD COLUMN author_ids JSONB;`
  ]
};
