import { newAccountId } from './ids.ts';
import { hashToken, randomToken } from './secrets.ts';
import type { InviteTable } from './store/AccountStore.ts';
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

/** Why a link no longer works, if it does not; a revocation is named before anything else. */
export function inviteStatus(invite: Invite, now: number): InviteStatus {
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up';
  return 'valid';
}

/**
 * A new invite link. Only a hash of its token is stored: the owner sees the link once, when it is
 * created.
 */
export async function insertInvite(
  table: InviteTable,
  fields: {
    workspaceId: string;
    role: InviteRole;
    createdBy: string | null;
    now: number;
    expiresAt: number;
    maxUses: number | null;
  }
): Promise<{ invite: Invite; token: string }> {
  const id = newAccountId();
  const token = randomToken();
  const { workspaceId, role, createdBy, now, expiresAt, maxUses } = fields;
  await table.insert({
    id,
    tokenHash: hashToken(token),
    workspaceId,
    role,
    createdBy,
    createdAt: now,
    expiresAt,
    maxUses
  });
  return {
    token,
    invite: { id, workspaceId, role, createdAt: now, expiresAt, maxUses, uses: 0, revokedAt: null }
  };
}

/** The invite this link token opens, or null; a token longer than ours is never looked up. */
export function inviteByToken(table: InviteTable, token: string): Promise<Invite | null> {
  return token.length > 256 ? Promise.resolve(null) : table.byTokenHash(hashToken(token));
}
