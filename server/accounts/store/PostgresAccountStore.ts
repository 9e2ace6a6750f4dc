import type pg from 'pg';
import { migratePostgres } from '../../db/migrations.ts';
import { AccountError } from '../AccountError.ts';
import type { Member, Role, User, Workspace } from '../types.ts';
import { ACCOUNTS_SCHEMA } from './accountsSchema.ts';
import type {
  AccountStore,
  AccountTables,
  InviteTable,
  MyWorkspace,
  NewInvite,
  DeletionTable,
  ResetTable,
  SessionTable,
  UserTable,
  WorkspaceTable
} from './AccountStore.ts';
import { PostgresDeletions } from './PostgresDeletions.ts';
import { PostgresResets } from './PostgresResets.ts';
import type { Query } from './postgresQuery.ts';
import {
  INVITE_COLUMNS,
  MEMBER_COLUMNS,
  SESSION_COLUMNS,
  toInvite,
  toUser,
  USER_COLUMNS,
  type InviteRow,
  type SessionRow,
  type UserRow
} from './rows.ts';

type MemberRow = UserRow & { role: Role };

/** Every account transaction takes this lock, so they run one at a time as on SQLite. */
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('uzel_accounts'))";

/**
 * Ordered as SQLite orders them: SQLite's NOCASE folds only A–Z, and its BINARY order is the code
 * point order that COLLATE "C" gives on a UTF-8 database.
 */
const FOLD_LATIN = "translate(w.name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";

class PostgresUsers implements UserTable {
  constructor(private readonly q: Query) {}

  async get(id: string): Promise<User | null> {
    const { rows } = await this.q<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async withPassword(email: string) {
    const { rows } = await this.q<UserRow & { password_hash: string }>(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE email = $1 AND kind = 'person'`,
      [email]
    );
    return rows[0] ? { user: toUser(rows[0]), passwordHash: rows[0].password_hash } : null;
  }
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.q("UPDATE users SET password_hash = $1 WHERE id = $2 AND kind = 'person'", [
      passwordHash,
      id
    ]);
  }

  async insertPerson(
    id: string,
    f: { email: string; displayName: string; passwordHash: string; now: number }
  ): Promise<User> {
    try {
      await this.q(
        `INSERT INTO users (id, email, display_name, password_hash, kind, created_at)
         VALUES ($1, $2, $3, $4, 'person', $5)`,
        [id, f.email, f.displayName, f.passwordHash, f.now]
      );
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new AccountError('email_taken', 'An account with this e-mail already exists.');
      }
      throw err;
    }
    return (await this.get(id))!;
  }

  async insertService(id: string, displayName: string, now: number): Promise<User> {
    await this.q(
      `INSERT INTO users (id, email, display_name, password_hash, kind, created_at)
       VALUES ($1, NULL, $2, NULL, 'service', $3)`,
      [id, displayName, now]
    );
    return (await this.get(id))!;
  }

  async update(id: string, changes: { displayName?: string; institution?: string }) {
    const { rows } = await this.q<UserRow>(
      `UPDATE users SET display_name = coalesce($1, display_name),
         institution = coalesce($2, institution) WHERE id = $3 RETURNING ${USER_COLUMNS}`,
      [changes.displayName ?? null, changes.institution ?? null, id]
    );
    return rows[0] ? toUser(rows[0]) : null;
  }

  async personCount() {
    const { rows } = await this.q<{ n: string }>(
      "SELECT count(*) AS n FROM users WHERE kind = 'person'"
    );
    return Number(rows[0]!.n);
  }
}

class PostgresSessions implements SessionTable {
  constructor(private readonly q: Query) {}

  async insert(tokenHash: string, userId: string, now: number, expiresAt: number) {
    await this.q(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [tokenHash, userId, now, expiresAt]
    );
  }

  async get(tokenHash: string) {
    const { rows } = await this.q<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1`,
      [tokenHash]
    );
    const row = rows[0];
    return row ? { userId: row.id, expiresAt: Number(row.expires_at), user: toUser(row) } : null;
  }

  async extend(tokenHash: string, expiresAt: number) {
    await this.q('UPDATE sessions SET expires_at = $1 WHERE token_hash = $2', [
      expiresAt,
      tokenHash
    ]);
  }

  async delete(tokenHash: string) {
    await this.q('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async purgeExpired(now: number) {
    await this.q('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }

  async deleteForUser(userId: string, keepTokenHash: string | null) {
    const { rows } = await this.q<{ token_hash: string }>(
      `DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2
       RETURNING token_hash`,
      [userId, keepTokenHash]
    );
    return rows.map((row) => row.token_hash);
  }
}

class PostgresWorkspaces implements WorkspaceTable {
  constructor(private readonly q: Query) {}

  async insert(id: string, name: string, now: number): Promise<Workspace> {
    await this.q('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [
      id,
      name,
      now
    ]);
    return { id, name, createdAt: now };
  }

  async count() {
    const { rows } = await this.q<{ n: string }>('SELECT count(*) AS n FROM workspaces');
    return Number(rows[0]!.n);
  }

  async get(id: string): Promise<Workspace | null> {
    const { rows } = await this.q<{ id: string; name: string; created_at: string }>(
      'SELECT id, name, created_at FROM workspaces WHERE id = $1',
      [id]
    );
    const row = rows[0];
    return row ? { id: row.id, name: row.name, createdAt: Number(row.created_at) } : null;
  }

  async role(workspaceId: string, userId: string) {
    const { rows } = await this.q<{ role: Role }>(
      'SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, userId]
    );
    return rows[0]?.role ?? null;
  }

  async of(userId: string) {
    const { rows } = await this.q<MyWorkspace>(
      `SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
       WHERE m.user_id = $1 ORDER BY ${FOLD_LATIN} COLLATE "C", w.id COLLATE "C"`,
      [userId]
    );
    return rows;
  }

  async members(workspaceId: string): Promise<Member[]> {
    const { rows } = await this.q<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = $1
       ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END,
         u.display_name COLLATE "C", u.id COLLATE "C"`,
      [workspaceId]
    );
    return rows.map((row) => ({ user: toUser(row), role: row.role }));
  }

  async setMember(workspaceId: string, userId: string, role: Role, now: number) {
    await this.q(
      `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [workspaceId, userId, role, now]
    );
  }

  async removeMember(workspaceId: string, userId: string) {
    await this.q('DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2', [
      workspaceId,
      userId
    ]);
  }

  async ownerCount(workspaceId: string) {
    const { rows } = await this.q<{ n: string }>(
      "SELECT count(*) AS n FROM memberships WHERE workspace_id = $1 AND role = 'owner'",
      [workspaceId]
    );
    return Number(rows[0]!.n);
  }

  async serviceMember(workspaceId: string, displayName: string): Promise<Member | null> {
    const { rows } = await this.q<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = $1 AND u.kind = 'service' AND u.display_name = $2
       ORDER BY m.created_at LIMIT 1`,
      [workspaceId, displayName]
    );
    return rows[0] ? { user: toUser(rows[0]), role: rows[0].role } : null;
  }
}

class PostgresInvites implements InviteTable {
  constructor(private readonly q: Query) {}

  async insert(i: NewInvite) {
    await this.q(
      `INSERT INTO invites (id, token_hash, workspace_id, role, created_by, created_at, expires_at, max_uses)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [i.id, i.tokenHash, i.workspaceId, i.role, i.createdBy, i.createdAt, i.expiresAt, i.maxUses]
    );
  }

  async byTokenHash(tokenHash: string) {
    const { rows } = await this.q<InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = $1`,
      [tokenHash]
    );
    return rows[0] ? toInvite(rows[0]) : null;
  }

  async list(workspaceId: string) {
    const { rows } = await this.q<InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE workspace_id = $1
       ORDER BY created_at DESC, id COLLATE "C" LIMIT 200`,
      [workspaceId]
    );
    return rows.map(toInvite);
  }

  async revoke(workspaceId: string, inviteId: string, now: number) {
    const result = await this.q(
      'UPDATE invites SET revoked_at = coalesce(revoked_at, $1) WHERE workspace_id = $2 AND id = $3',
      [now, workspaceId, inviteId]
    );
    return (result.rowCount ?? 0) > 0;
  }

  async use(inviteId: string) {
    // PostgreSQL re-checks the condition on the row it locked, so concurrent uses cannot pass it.
    const result = await this.q(
      'UPDATE invites SET uses = uses + 1 WHERE id = $1 AND (max_uses IS NULL OR uses < max_uses)',
      [inviteId]
    );
    return (result.rowCount ?? 0) > 0;
  }
}

function tables(q: Query): AccountTables {
  return {
    users: new PostgresUsers(q),
    sessions: new PostgresSessions(q),
    workspaces: new PostgresWorkspaces(q),
    invites: new PostgresInvites(q),
    resets: new PostgresResets(q),
    deletions: new PostgresDeletions(q)
  };
}

/** The PostgreSQL engine: the same tables in the shared database, through the process's pool. */
export class PostgresAccountStore implements AccountStore {
  readonly users: UserTable;
  readonly sessions: SessionTable;
  readonly workspaces: WorkspaceTable;
  readonly invites: InviteTable;
  readonly resets: ResetTable;
  readonly deletions: DeletionTable;
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
    const outside = tables((text, values) => pool.query(text, values));
    this.users = outside.users;
    this.sessions = outside.sessions;
    this.workspaces = outside.workspaces;
    this.invites = outside.invites;
    this.resets = outside.resets;
    this.deletions = outside.deletions;
  }

  /** Migrates the accounts tables (refusing a newer schema), then serves them. */
  static async open(pool: pg.Pool): Promise<PostgresAccountStore> {
    await migratePostgres(pool, ACCOUNTS_SCHEMA);
    return new PostgresAccountStore(pool);
  }

  async transaction<T>(work: (tables: AccountTables) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query(LOCK);
      const result = await work(tables((text, values) => client.query(text, values)));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
      throw err;
    } finally {
      // A client whose rollback failed has lost its connection: the pool must not hand it out.
      client.release(broken);
    }
  }

  /** The pool belongs to the engine, shared with the other stores: it is closed there. */
  async close(): Promise<void> {}
}
