import type Database from 'better-sqlite3';
import path from 'node:path';
import { migrateSqlite } from '../../db/migrations.ts';
import { openSqliteFile, type SqliteSync } from '../../db/sqliteFile.ts';
import { AccountError } from '../AccountError.ts';
import type { Member, Role, User, Workspace } from '../types.ts';
import { ACCOUNTS_SCHEMA } from './accountsSchema.ts';
import { prepareInvites, SqliteInvites, type InviteStatements } from './SqliteInvites.ts';
import { prepareDeletions, SqliteDeletions, type DeletionStatements } from './SqliteDeletions.ts';
import { prepareResets, SqliteResets, type ResetStatements } from './SqliteResets.ts';
import type { Write } from './sqliteWrite.ts';
import type {
  AccountStore,
  AccountTables,
  InviteTable,
  MyWorkspace,
  DeletionTable,
  ResetTable,
  SessionTable,
  StoredSession,
  UserTable,
  WorkspaceTable
} from './AccountStore.ts';
import {
  MEMBER_COLUMNS,
  SESSION_COLUMNS,
  toUser,
  USER_COLUMNS,
  type SessionRow,
  type UserRow
} from './rows.ts';

export const ACCOUNTS_FILE = 'accounts.sqlite';

type MemberRow = UserRow & { role: Role };

/** The prepared statements, once per connection; the tables below share them. */
function prepare(db: Database.Database) {
  return {
    userById: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`),
    userByEmail: db.prepare<[string], UserRow & { password_hash: string }>(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE email = ? AND kind = 'person'`
    ),
    setPasswordHash: db.prepare<[string, string]>(
      "UPDATE users SET password_hash = ? WHERE id = ? AND kind = 'person'"
    ),
    insertUser: db.prepare<
      [string, string | null, string, string | null, 'person' | 'service', number]
    >(
      `INSERT INTO users (id, email, display_name, password_hash, kind, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`
    ),
    updateUser: db.prepare<[string | null, string | null, string]>(
      `UPDATE users SET display_name = coalesce(?, display_name),
         institution = coalesce(?, institution) WHERE id = ?`
    ),
    insertSession: db.prepare<[string, string, number, number]>(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
    ),
    session: db.prepare<[string], SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ?`
    ),
    extendSession: db.prepare<[number, string]>(
      'UPDATE sessions SET expires_at = ? WHERE token_hash = ?'
    ),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
    purgeSessions: db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?'),
    insertWorkspace: db.prepare<[string, string, number]>(
      'INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)'
    ),
    workspace: db.prepare<[string], { id: string; name: string; created_at: number }>(
      'SELECT id, name, created_at FROM workspaces WHERE id = ?'
    ),
    workspaceCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM workspaces'),
    role: db.prepare<[string, string], { role: Role }>(
      'SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?'
    ),
    mine: db.prepare<[string], MyWorkspace>(
      `SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
       WHERE m.user_id = ? ORDER BY w.name COLLATE NOCASE, w.id`
    ),
    members: db.prepare<[string], MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = ?
       ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END, u.display_name, u.id`
    ),
    upsertMember: db.prepare<[string, string, Role, number]>(
      `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`
    ),
    removeMember: db.prepare<[string, string]>(
      'DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?'
    ),
    owners: db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM memberships WHERE workspace_id = ? AND role = 'owner'"
    ),
    service: db.prepare<[string, string], MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = ? AND u.kind = 'service' AND u.display_name = ?
       ORDER BY m.created_at LIMIT 1`
    ),
    personCount: db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM users WHERE kind = 'person'"
    ),
    userSessions: db.prepare<[string, string | null], { token_hash: string }>(
      'DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ? RETURNING token_hash'
    )
  };
}

type Statements = ReturnType<typeof prepare>;

class SqliteUsers implements UserTable {
  constructor(
    private readonly s: Statements,
    private readonly write: Write
  ) {}

  async get(id: string): Promise<User | null> {
    const row = this.s.userById.get(id);
    return row ? toUser(row) : null;
  }

  async withPassword(email: string) {
    const row = this.s.userByEmail.get(email);
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.write(() => this.s.setPasswordHash.run(passwordHash, id));
  }

  async insertPerson(
    id: string,
    f: { email: string; displayName: string; passwordHash: string; now: number }
  ): Promise<User> {
    try {
      await this.write(() =>
        this.s.insertUser.run(id, f.email, f.displayName, f.passwordHash, 'person', f.now)
      );
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new AccountError('email_taken', 'An account with this e-mail already exists.');
      }
      throw err;
    }
    return (await this.get(id))!;
  }

  async insertService(id: string, displayName: string, now: number): Promise<User> {
    await this.write(() => this.s.insertUser.run(id, null, displayName, null, 'service', now));
    return (await this.get(id))!;
  }

  async update(id: string, changes: { displayName?: string; institution?: string }) {
    await this.write(() =>
      this.s.updateUser.run(changes.displayName ?? null, changes.institution ?? null, id)
    );
    return this.get(id);
  }

  async personCount() {
    return this.s.personCount.get()!.n;
  }
}

class SqliteSessions implements SessionTable {
  constructor(
    private readonly s: Statements,
    private readonly write: Write
  ) {}

  async insert(tokenHash: string, userId: string, now: number, expiresAt: number) {
    await this.write(() => this.s.insertSession.run(tokenHash, userId, now, expiresAt));
  }

  async get(tokenHash: string): Promise<StoredSession | null> {
    const row = this.s.session.get(tokenHash);
    return row ? { userId: row.id, expiresAt: Number(row.expires_at), user: toUser(row) } : null;
  }

  async extend(tokenHash: string, expiresAt: number) {
    await this.write(() => this.s.extendSession.run(expiresAt, tokenHash));
  }

  async delete(tokenHash: string) {
    await this.write(() => this.s.deleteSession.run(tokenHash));
  }

  async purgeExpired(now: number) {
    await this.write(() => this.s.purgeSessions.run(now));
  }

  async deleteForUser(userId: string, keepTokenHash: string | null) {
    const removed = await this.write(() => this.s.userSessions.all(userId, keepTokenHash));
    return removed.map((row) => row.token_hash);
  }
}

class SqliteWorkspaces implements WorkspaceTable {
  constructor(
    private readonly s: Statements,
    private readonly write: Write
  ) {}

  async insert(id: string, name: string, now: number): Promise<Workspace> {
    await this.write(() => this.s.insertWorkspace.run(id, name, now));
    return { id, name, createdAt: now };
  }

  async count() {
    return this.s.workspaceCount.get()!.n;
  }

  async get(id: string): Promise<Workspace | null> {
    const row = this.s.workspace.get(id);
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  async role(workspaceId: string, userId: string) {
    return this.s.role.get(workspaceId, userId)?.role ?? null;
  }

  async of(userId: string) {
    return this.s.mine.all(userId);
  }

  async members(workspaceId: string): Promise<Member[]> {
    return this.s.members.all(workspaceId).map((row) => ({ user: toUser(row), role: row.role }));
  }

  async setMember(workspaceId: string, userId: string, role: Role, now: number) {
    await this.write(() => this.s.upsertMember.run(workspaceId, userId, role, now));
  }

  async removeMember(workspaceId: string, userId: string) {
    await this.write(() => this.s.removeMember.run(workspaceId, userId));
  }

  async ownerCount(workspaceId: string) {
    return this.s.owners.get(workspaceId)!.n;
  }

  async serviceMember(workspaceId: string, displayName: string): Promise<Member | null> {
    const row = this.s.service.get(workspaceId, displayName);
    return row ? { user: toUser(row), role: row.role } : null;
  }
}

/** Each connection's prepared statements, shared by the tables inside and outside transactions. */
type AllStatements = {
  s: Statements;
  invites: InviteStatements;
  resets: ResetStatements;
  deletions: DeletionStatements;
};

function tables({ s, invites, resets, deletions }: AllStatements, write: Write): AccountTables {
  return {
    users: new SqliteUsers(s, write),
    sessions: new SqliteSessions(s, write),
    workspaces: new SqliteWorkspaces(s, write),
    invites: new SqliteInvites(invites, write),
    resets: new SqliteResets(resets, write),
    deletions: new SqliteDeletions(deletions, write)
  };
}

/** How long a write waits for another connection's transaction before it fails. */
const BUSY_WAIT_MS = 5000;

/**
 * The SQLite engine: `accounts.sqlite` in the data folder. better-sqlite3 is synchronous, so one
 * connection serves every caller; an async transaction holds it between BEGIN IMMEDIATE and
 * COMMIT, and writes from outside wait in a queue meanwhile (otherwise they would land inside it
 * and share its rollback). Reads do not wait: they are the relay's admission path, and WAL lets
 * them read past a writer. Another connection's write lock (the admin command, a second process)
 * is waited for with timers rather than SQLite's busy handler, which would block the event loop
 * and with it a transaction of this process that holds the lock.
 */
export class SqliteAccountStore implements AccountStore {
  readonly users: UserTable;
  readonly sessions: SessionTable;
  readonly workspaces: WorkspaceTable;
  readonly invites: InviteTable;
  readonly resets: ResetTable;
  readonly deletions: DeletionTable;
  readonly #db: Database.Database;
  readonly #inside: AccountTables;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: Database.Database) {
    this.#db = db;
    const statements = {
      s: prepare(db),
      invites: prepareInvites(db),
      resets: prepareResets(db),
      deletions: prepareDeletions(db)
    };
    const outside = tables(statements, (statement) => this.#inTransaction(async () => statement()));
    this.users = outside.users;
    this.sessions = outside.sessions;
    this.workspaces = outside.workspaces;
    this.invites = outside.invites;
    this.resets = outside.resets;
    this.deletions = outside.deletions;
    this.#inside = tables(statements, async (statement) => statement());
  }

  /** Opens (and migrates) `accounts.sqlite` in `dataDir`. */
  static open(dataDir: string, synchronous: SqliteSync = 'full'): SqliteAccountStore {
    const db = openSqliteFile(path.join(dataDir, ACCOUNTS_FILE), synchronous);
    try {
      migrateSqlite(db, ACCOUNTS_SCHEMA);
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteAccountStore(db);
  }

  transaction<T>(work: (tables: AccountTables) => Promise<T>): Promise<T> {
    return this.#inTransaction(() => work(this.#inside));
  }

  async close(): Promise<void> {
    await this.#queue;
    if (this.#db.open) this.#db.close();
  }

  /** One at a time on this connection, between BEGIN IMMEDIATE and COMMIT (or ROLLBACK). */
  #inTransaction<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(async () => {
      await this.#begin();
      try {
        const value = await work();
        this.#db.exec('COMMIT');
        return value;
      } catch (err) {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        throw err;
      }
    });
    this.#queue = result.catch(() => {});
    return result;
  }

  async #begin(): Promise<void> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      this.#db.pragma('busy_timeout = 0');
      try {
        this.#db.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
      } finally {
        this.#db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
