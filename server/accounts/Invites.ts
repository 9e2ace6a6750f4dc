import type Database from 'better-sqlite3';
import { newAccountId } from './ids.ts';
import { hashToken, randomToken } from './secrets.ts';
import type { InviteRole } from './types.ts';

export type InviteStatus = 'valid' | 'expired' | 'revoked' | 'used_up';

export type Invite = {
  id: string;
  workspaceId: string;
  role: InviteRole;
  createdAt: number;
  expiresAt: number;
  maxUses: number | null;
  uses: number;
  revokedAt: number | null;
};

type InviteRow = {
  id: string;
  workspace_id: string;
  role: InviteRole;
  created_at: number;
  expires_at: number;
  max_uses: number | null;
  uses: number;
  revoked_at: number | null;
};

const COLUMNS = 'id, workspace_id, role, created_at, expires_at, max_uses, uses, revoked_at';

function toInvite(row: InviteRow): Invite {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    maxUses: row.max_uses,
    uses: row.uses,
    revokedAt: row.revoked_at
  };
}

/** Why a link no longer works, if it does not; a revocation is named before anything else. */
export function inviteStatus(invite: Invite, now: number): InviteStatus {
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up';
  return 'valid';
}

/**
 * The `invites` table. An invite is found by its link token, of which only a hash is stored: the
 * owner sees the link once, when it is created.
 */
export class Invites {
  readonly #insert: Database.Statement<
    [string, string, string, InviteRole, string | null, number, number, number | null]
  >;
  readonly #byHash: Database.Statement<[string], InviteRow>;
  readonly #list: Database.Statement<[string], InviteRow>;
  readonly #revoke: Database.Statement<[number, string, string]>;
  readonly #use: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(
      `INSERT INTO invites (id, token_hash, workspace_id, role, created_by, created_at, expires_at, max_uses)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    );
    this.#byHash = db.prepare(`SELECT ${COLUMNS} FROM invites WHERE token_hash = ?`);
    // The newest first, bounded: the owner's list is for the links still in circulation.
    this.#list = db.prepare(
      `SELECT ${COLUMNS} FROM invites WHERE workspace_id = ? ORDER BY created_at DESC, id LIMIT 200`
    );
    this.#revoke = db.prepare(
      `UPDATE invites SET revoked_at = coalesce(revoked_at, ?) WHERE workspace_id = ? AND id = ?`
    );
    // The limit is checked in the same statement that counts the use, so two people accepting
    // the last use at once cannot both get it.
    this.#use = db.prepare(
      'UPDATE invites SET uses = uses + 1 WHERE id = ? AND (max_uses IS NULL OR uses < max_uses)'
    );
  }

  insert(fields: {
    workspaceId: string;
    role: InviteRole;
    createdBy: string | null;
    now: number;
    expiresAt: number;
    maxUses: number | null;
  }): { invite: Invite; token: string } {
    const id = newAccountId();
    const token = randomToken();
    const { workspaceId, role, createdBy, now, expiresAt, maxUses } = fields;
    this.#insert.run(id, hashToken(token), workspaceId, role, createdBy, now, expiresAt, maxUses);
    return {
      token,
      invite: {
        id,
        workspaceId,
        role,
        createdAt: now,
        expiresAt,
        maxUses,
        uses: 0,
        revokedAt: null
      }
    };
  }

  byToken(token: string): Invite | null {
    if (token.length > 256) return null;
    const row = this.#byHash.get(hashToken(token));
    return row ? toInvite(row) : null;
  }

  list(workspaceId: string): Invite[] {
    return this.#list.all(workspaceId).map(toInvite);
  }

  /** False when the workspace has no such invite. Revoking twice keeps the first time. */
  revoke(workspaceId: string, inviteId: string, now: number): boolean {
    return this.#revoke.run(now, workspaceId, inviteId).changes > 0;
  }

  /** Counts one use; false when none was left. */
  use(inviteId: string): boolean {
    return this.#use.run(inviteId).changes > 0;
  }
}
