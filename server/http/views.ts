import type { InviteWithStatus } from '../accounts/Accounts.ts';
import type { Member, Role, User } from '../accounts/types.ts';

/** The JSON shapes the API sends; internal fields (hashes, creators) never leave through here. */

export function userView(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    institution: user.institution,
    kind: user.kind
  };
}

export function memberView(member: Member, withEmail: boolean) {
  return {
    userId: member.user.id,
    displayName: member.user.displayName,
    institution: member.user.institution,
    kind: member.user.kind,
    role: member.role,
    // E-mail addresses are for the owners who manage the workspace, not for every member.
    ...(withEmail ? { email: member.user.email } : {})
  };
}

export function inviteView(invite: InviteWithStatus) {
  return {
    id: invite.id,
    role: invite.role,
    status: invite.status,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    maxUses: invite.maxUses,
    uses: invite.uses,
    revokedAt: invite.revokedAt
  };
}

export function workspaceView(workspace: { id: string; name: string; role: Role }) {
  return { id: workspace.id, name: workspace.name, role: workspace.role };
}
