import type Database from 'better-sqlite3';
import type { Invite } from '../Invites.ts';
import type { InviteTable, NewInvite } from './AccountStore.ts';
import { INVITE_COLUMNS, toInvite, type InviteRow } from './rows.ts';
import type { Write } from './sqliteWrite.ts';

export function prepareInvites(db: Database.Database) {
  return {
    insert: db.prepare<
      [string, string, string, string, string | null, number, number, number | null]
    >(
      `INSERT INTO invites (id, token_hash, workspace_id, role, created_by, created_at, expires_at, max_uses)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    byHash: db.prepare<[string], InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = ?`
    ),
    list: db.prepare<[string], InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE workspace_id = ?
       ORDER BY created_at DESC, id LIMIT 200`
    ),
    revoke: db.prepare<[number, string, string]>(
      'UPDATE invites SET revoked_at = coalesce(revoked_at, ?) WHERE workspace_id = ? AND id = ?'
    ),
    use: db.prepare<[string]>(
      'UPDATE invites SET uses = uses + 1 WHERE id = ? AND (max_uses IS NULL OR uses < max_uses)'
    )
  };
}

export type InviteStatements = ReturnType<typeof prepareInvites>;

/** Invite links in `accounts.sqlite` (`invites`). */
export class SqliteInvites implements InviteTable {
  constructor(
    private readonly s: InviteStatements,
    private readonly write: Write
  ) {}

  async insert(i: NewInvite) {
    await this.write(() =>
      this.s.insert.run(
        i.id,
        i.tokenHash,
        i.workspaceId,
        i.role,
        i.createdBy,
        i.createdAt,
        i.expiresAt,
        i.maxUses
      )
    );
  }

  async byTokenHash(tokenHash: string): Promise<Invite | null> {
    const row = this.s.byHash.get(tokenHash);
    return row ? toInvite(row) : null;
  }

  async list(workspaceId: string) {
    return this.s.list.all(workspaceId).map(toInvite);
  }

  async revoke(workspaceId: string, inviteId: string, now: number) {
    return (await this.write(() => this.s.revoke.run(now, workspaceId, inviteId))).changes > 0;
  }

  async use(inviteId: string) {
    return (await this.write(() => this.s.use.run(inviteId))).changes > 0;
  }
}
