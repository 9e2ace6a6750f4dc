import type Database from 'better-sqlite3';
import { newAccountId } from './ids.ts';
import type { Member, Role, User, Workspace } from './types.ts';
import { toUser } from './Users.ts';

/** A workspace as one member sees it. */
export type MyWorkspace = { id: string; name: string; role: Role };

type MemberRow = {
  id: string;
  email: string | null;
  display_name: string;
  institution: string;
  kind: 'person' | 'service';
  role: Role;
};

/** The `workspaces` and `memberships` tables; the rules about who may change them live in Accounts. */
export class Workspaces {
  readonly #insert: Database.Statement<[string, string, number]>;
  readonly #count: Database.Statement<[], { n: number }>;
  readonly #get: Database.Statement<[string], { id: string; name: string; created_at: number }>;
  readonly #role: Database.Statement<[string, string], { role: Role }>;
  readonly #mine: Database.Statement<[string], MyWorkspace>;
  readonly #members: Database.Statement<[string], MemberRow>;
  readonly #upsertMember: Database.Statement<[string, string, Role, number]>;
  readonly #removeMember: Database.Statement<[string, string]>;
  readonly #owners: Database.Statement<[string], { n: number }>;
  readonly #service: Database.Statement<[string, string], MemberRow>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)');
    this.#get = db.prepare('SELECT id, name, created_at FROM workspaces WHERE id = ?');
    this.#count = db.prepare('SELECT count(*) AS n FROM workspaces');
    this.#role = db.prepare('SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?');
    this.#mine = db.prepare(
      `SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
       WHERE m.user_id = ? ORDER BY w.name COLLATE NOCASE, w.id`
    );
    const memberColumns = 'u.id, u.email, u.display_name, u.institution, u.kind, m.role';
    this.#members = db.prepare(
      `SELECT ${memberColumns} FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = ?
       ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END, u.display_name, u.id`
    );
    this.#upsertMember = db.prepare(
      `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`
    );
    this.#removeMember = db.prepare(
      'DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?'
    );
    this.#owners = db.prepare(
      "SELECT count(*) AS n FROM memberships WHERE workspace_id = ? AND role = 'owner'"
    );
    this.#service = db.prepare(
      `SELECT ${memberColumns} FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = ? AND u.kind = 'service' AND u.display_name = ?
       ORDER BY m.created_at LIMIT 1`
    );
  }

  insert(name: string, now: number): Workspace {
    const id = newAccountId();
    this.#insert.run(id, name, now);
    return { id, name, createdAt: now };
  }

  count(): number {
    return (this.#count.get() as { n: number }).n;
  }

  get(id: string): Workspace | null {
    const row = this.#get.get(id);
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  role(workspaceId: string, userId: string): Role | null {
    return this.#role.get(workspaceId, userId)?.role ?? null;
  }

  of(userId: string): MyWorkspace[] {
    return this.#mine.all(userId);
  }

  members(workspaceId: string): Member[] {
    return this.#members.all(workspaceId).map((row) => ({ user: toUser(row), role: row.role }));
  }

  setMember(workspaceId: string, userId: string, role: Role, now: number): void {
    this.#upsertMember.run(workspaceId, userId, role, now);
  }

  removeMember(workspaceId: string, userId: string): void {
    this.#removeMember.run(workspaceId, userId);
  }

  ownerCount(workspaceId: string): number {
    return this.#owners.get(workspaceId)!.n;
  }

  /** The service member of this name in this workspace (the admin command reuses it). */
  serviceMember(workspaceId: string, displayName: string): Member | null {
    const row = this.#service.get(workspaceId, displayName);
    return row ? { user: toUser(row) as User, role: row.role } : null;
  }
}
