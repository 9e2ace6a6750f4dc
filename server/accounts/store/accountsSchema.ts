import type { StoreSchema } from '../../db/migrations.ts';

/**
 * The accounts schema, once per engine. On SQLite it is its own file (`accounts.sqlite`) so that
 * people and documents can be backed up, moved or wiped separately; version 1 is exactly what
 * earlier releases wrote. Times are milliseconds since the epoch (INTEGER / BIGINT).
 */
export const ACCOUNTS_SCHEMA: StoreSchema = {
  store: 'accounts',
  sqlite: [
    `CREATE TABLE users (
       id TEXT PRIMARY KEY,
       email TEXT UNIQUE,
       display_name TEXT NOT NULL,
       institution TEXT NOT NULL DEFAULT '',
       password_hash TEXT,
       kind TEXT NOT NULL CHECK (kind IN ('person', 'service')),
       created_at INTEGER NOT NULL,
       CHECK ((kind = 'person') = (email IS NOT NULL AND password_hash IS NOT NULL))
     );
     CREATE TABLE sessions (
       token_hash TEXT PRIMARY KEY,
       user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL
     );
     CREATE INDEX sessions_by_user ON sessions (user_id);
     CREATE INDEX sessions_by_expiry ON sessions (expires_at);
     CREATE TABLE workspaces (
       id TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       created_at INTEGER NOT NULL
     );
     CREATE TABLE memberships (
       workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
       user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
       created_at INTEGER NOT NULL,
       PRIMARY KEY (workspace_id, user_id)
     );
     CREATE INDEX memberships_by_user ON memberships (user_id);
     CREATE TABLE invites (
       id TEXT PRIMARY KEY,
       token_hash TEXT NOT NULL UNIQUE,
       workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
       role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
       created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL,
       max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
       uses INTEGER NOT NULL DEFAULT 0,
       revoked_at INTEGER
     );
     CREATE INDEX invites_by_workspace ON invites (workspace_id, created_at);`,
    // Version 2: one-time password reset links (hashed, like invites), and the ids of deleted
    // accounts, so what they wrote can be shown as «Удалённый участник» without keeping a name.
    `CREATE TABLE password_resets (
       token_hash TEXT PRIMARY KEY,
       user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL,
       used_at INTEGER
     );
     CREATE INDEX password_resets_by_user ON password_resets (user_id);
     CREATE TABLE deleted_users (
       id TEXT PRIMARY KEY,
       deleted_at INTEGER NOT NULL
     );`,
    // Version 3: which workspaces a deleted account belonged to, so their members' devices learn
    // whose comments to sign «Удалённый участник» (ids only, no personal data).
    `CREATE TABLE deleted_members (
       workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
       user_id TEXT NOT NULL REFERENCES deleted_users (id),
       PRIMARY KEY (workspace_id, user_id)
     );`
  ],
  postgres: [
    `CREATE TABLE users (
       id TEXT PRIMARY KEY,
       email TEXT UNIQUE,
       display_name TEXT NOT NULL,
       institution TEXT NOT NULL DEFAULT '',
       password_hash TEXT,
       kind TEXT NOT NULL CHECK (kind IN ('person', 'service')),
       created_at BIGINT NOT NULL,
       CHECK ((kind = 'person') = (email IS NOT NULL AND password_hash IS NOT NULL))
     );
     CREATE TABLE sessions (
       token_hash TEXT PRIMARY KEY,
       user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       created_at BIGINT NOT NULL,
       expires_at BIGINT NOT NULL
     );
     CREATE INDEX sessions_by_user ON sessions (user_id);
     CREATE INDEX sessions_by_expiry ON sessions (expires_at);
     CREATE TABLE workspaces (
       id TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       created_at BIGINT NOT NULL
     );
     CREATE TABLE memberships (
       workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
       user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
       created_at BIGINT NOT NULL,
       PRIMARY KEY (workspace_id, user_id)
     );
     CREATE INDEX memberships_by_user ON memberships (user_id);
     CREATE TABLE invites (
       id TEXT PRIMARY KEY,
       token_hash TEXT NOT NULL UNIQUE,
       workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
       role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
       created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
       created_at BIGINT NOT NULL,
       expires_at BIGINT NOT NULL,
       max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
       uses INTEGER NOT NULL DEFAULT 0,
       revoked_at BIGINT
     );
     CREATE INDEX invites_by_workspace ON invites (workspace_id, created_at);`,
    `CREATE TABLE password_resets (
       token_hash TEXT PRIMARY KEY,
       user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       created_at BIGINT NOT NULL,
       expires_at BIGINT NOT NULL,
       used_at BIGINT
     );
     CREATE INDEX password_resets_by_user ON password_resets (user_id);
     CREATE TABLE deleted_users (
       id TEXT PRIMARY KEY,
       deleted_at BIGINT NOT NULL
     );`,
    `CREATE TABLE deleted_members (
       workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
       user_id TEXT NOT NULL REFERENCES deleted_users (id),
       PRIMARY KEY (workspace_id, user_id)
     );`
  ]
};
