import type { StoreSchema } from '../db/migrations.ts';

/**
 * Publications live apart from the documents and the accounts (`publications.sqlite` on SQLite):
 * what is public can be backed up, inspected or wiped on its own, and the document store is never
 * written by publishing. Times are milliseconds since the epoch. The SQLite list starts with the
 * schema existing files have (user_version 1).
 *
 * On PostgreSQL the catalogue's search is the database's own: the three `search_*` columns hold a
 * published version's words as the app normalises them (lower case, ё read as е), and a generated
 * `tsvector` over them, weighted like the SQLite engine's boosts, is indexed with GIN.
 */
/**
 * The content of each published version, in parts of about 256 K characters (`pinnedContent.ts`)
 * read one query at a time, each part knowing how many there are. Keyed by version, so a reader
 * never mixes the parts of two versions: a republish or a take-down deletes the older ones.
 */
const PARTS_TABLE = `CREATE TABLE publication_parts (
  workspace_id TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  part INTEGER NOT NULL,
  parts INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (workspace_id, doc_id, version, part)
);`;

export const PUBLICATIONS_SCHEMA: StoreSchema = {
  store: 'publications',
  sqlite: [
    `CREATE TABLE sites (
       workspace_id TEXT PRIMARY KEY,
       slug TEXT NOT NULL UNIQUE,
       title TEXT NOT NULL,
       default_licence TEXT NOT NULL,
       updated_at INTEGER NOT NULL
     );
     CREATE TABLE publishers (
       workspace_id TEXT NOT NULL,
       user_id TEXT NOT NULL,
       granted_by TEXT NOT NULL,
       granted_at INTEGER NOT NULL,
       PRIMARY KEY (workspace_id, user_id)
     );
     CREATE TABLE publications (
       workspace_id TEXT NOT NULL,
       doc_id TEXT NOT NULL,
       short_id TEXT NOT NULL UNIQUE,
       status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
       proposed_by TEXT,
       proposed_at INTEGER,
       version INTEGER NOT NULL DEFAULT 0,
       licence TEXT,
       published_by TEXT,
       first_published_at INTEGER,
       published_at INTEGER,
       unpublished_at INTEGER,
       pinned TEXT,
       source_hash TEXT,
       PRIMARY KEY (workspace_id, doc_id)
     );
     CREATE INDEX publications_by_status ON publications (workspace_id, status, published_at);`,
    // Version 2: a published version's content, apart from its metadata in `pinned`.
    PARTS_TABLE
  ],
  postgres: [
    `CREATE TABLE publication_sites (
       workspace_id TEXT PRIMARY KEY,
       slug TEXT NOT NULL UNIQUE,
       title TEXT NOT NULL,
       default_licence TEXT NOT NULL,
       updated_at BIGINT NOT NULL
     );
     CREATE TABLE publication_publishers (
       workspace_id TEXT NOT NULL,
       user_id TEXT NOT NULL,
       granted_by TEXT NOT NULL,
       granted_at BIGINT NOT NULL,
       PRIMARY KEY (workspace_id, user_id)
     );
     CREATE TABLE publications (
       workspace_id TEXT NOT NULL,
       doc_id TEXT NOT NULL,
       short_id TEXT NOT NULL UNIQUE,
       status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
       proposed_by TEXT,
       proposed_at BIGINT,
       version INTEGER NOT NULL DEFAULT 0,
       licence TEXT,
       published_by TEXT,
       first_published_at BIGINT,
       published_at BIGINT,
       unpublished_at BIGINT,
       pinned TEXT,
       source_hash TEXT,
       search_title TEXT,
       search_fields TEXT,
       search_body TEXT,
       search tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('russian', coalesce(search_title, '')), 'A') ||
         setweight(to_tsvector('russian', coalesce(search_fields, '')), 'B') ||
         setweight(to_tsvector('russian', coalesce(search_body, '')), 'C')
       ) STORED,
       PRIMARY KEY (workspace_id, doc_id)
     );
     CREATE INDEX publications_by_status ON publications (workspace_id, status, published_at);
     CREATE INDEX publications_search ON publications USING GIN (search);`,
    PARTS_TABLE
  ]
};
