import type { StoreSchema } from '../db/migrations.ts';

/** Version 1 on SQLite is what earlier releases wrote to `calendar-feeds.sqlite`. */
export const FEED_TOKENS_SCHEMA: StoreSchema = {
  store: 'calendar-feeds',
  sqlite: [
    `CREATE TABLE calendar_feeds (
       id TEXT PRIMARY KEY,
       workspace_id TEXT NOT NULL,
       token_hash TEXT NOT NULL UNIQUE,
       created_by TEXT,
       created_at INTEGER NOT NULL,
       revoked_at INTEGER
     );
     CREATE INDEX calendar_feeds_by_workspace ON calendar_feeds (workspace_id, revoked_at);`
  ],
  postgres: [
    `CREATE TABLE calendar_feeds (
       id TEXT PRIMARY KEY,
       workspace_id TEXT NOT NULL,
       token_hash TEXT NOT NULL UNIQUE,
       created_by TEXT,
       created_at BIGINT NOT NULL,
       revoked_at BIGINT
     );
     CREATE INDEX calendar_feeds_by_workspace ON calendar_feeds (workspace_id, revoked_at);`
  ]
};

export type FeedRow = {
  id: string;
  workspace_id: string;
  created_by: string | null;
  created_at: number | string;
};

export const FEED_COLUMNS = 'id, workspace_id, created_by, created_at';

/** PostgreSQL gives BIGINT as a string; a time in milliseconds fits a number. */
export const toFeed = (row: FeedRow) => ({
  id: row.id,
  workspaceId: row.workspace_id,
  createdBy: row.created_by,
  createdAt: Number(row.created_at)
});
