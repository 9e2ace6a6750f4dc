import type { StoreSchema } from '../db/migrations.ts';

/**
 * `blobs.sqlite` had no schema version before: its table was created "if not exists", so version
 * 1 is that same statement and an existing file (user_version 0) takes it without a change.
 */
export const BLOB_SCHEMA: StoreSchema = {
  store: 'blobs',
  sqlite: [
    `CREATE TABLE IF NOT EXISTS blobs (
       workspace_id TEXT NOT NULL,
       hash TEXT NOT NULL,
       size INTEGER NOT NULL,
       declared_type TEXT,
       sniffed_type TEXT NOT NULL,
       uploaded_by TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       PRIMARY KEY (workspace_id, hash)
     )`
  ],
  postgres: [
    `CREATE TABLE blobs (
       workspace_id TEXT NOT NULL,
       hash TEXT NOT NULL,
       size BIGINT NOT NULL,
       declared_type TEXT,
       sniffed_type TEXT NOT NULL,
       uploaded_by TEXT NOT NULL,
       created_at BIGINT NOT NULL,
       PRIMARY KEY (workspace_id, hash)
     );
     -- The bytes once per hash, in chunks read one at a time, so no read holds a whole file.
     CREATE TABLE blob_chunks (
       hash TEXT NOT NULL,
       n INTEGER NOT NULL,
       data BYTEA NOT NULL,
       PRIMARY KEY (hash, n)
     );
     -- Written last, in the same transaction as the chunks: a hash listed here is complete.
     CREATE TABLE blob_bytes (
       hash TEXT PRIMARY KEY,
       size BIGINT NOT NULL,
       chunks INTEGER NOT NULL
     );`
  ]
};
