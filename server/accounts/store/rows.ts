import type { Invite } from '../Invites.ts';
import type { InviteRole, User } from '../types.ts';

/**
 * Rows as both engines return them. PostgreSQL's driver gives BIGINT columns as strings (they may
 * exceed 2^53); times in milliseconds never do, so they become numbers here.
 */
export type UserRow = {
  id: string;
  email: string | null;
  display_name: string;
  institution: string;
  kind: 'person' | 'service';
};

export type InviteRow = {
  id: string;
  workspace_id: string;
  role: InviteRole;
  created_at: number | string;
  expires_at: number | string;
  max_uses: number | null;
  uses: number;
  revoked_at: number | string | null;
};

export const USER_COLUMNS = 'id, email, display_name, institution, kind';
export const SESSION_COLUMNS = 's.expires_at, u.id, u.email, u.display_name, u.institution, u.kind';
export type SessionRow = UserRow & { expires_at: number | string };
export const MEMBER_COLUMNS = 'u.id, u.email, u.display_name, u.institution, u.kind, m.role';
export const INVITE_COLUMNS =
  'id, workspace_id, role, created_at, expires_at, max_uses, uses, revoked_at';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    institution: row.institution,
    kind: row.kind
  };
}

export function toInvite(row: InviteRow): Invite {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    role: row.role,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    maxUses: row.max_uses,
    uses: row.uses,
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at)
  };
}
