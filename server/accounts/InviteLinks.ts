import { inviteGone, noInvite } from './AccountError.ts';
import {
  insertInvite,
  inviteByToken,
  inviteStatus,
  type Invite,
  type InviteStatus
} from './Invites.ts';
import { requireOwner } from './membershipRules.ts';
import { higherRole } from './roles.ts';
import type { AccountStore, MyWorkspace } from './store/AccountStore.ts';
import type { InviteRole, MembershipChange, Role } from './types.ts';
import { ID_PATTERN } from './validation.ts';

export type InviteOptions = { role: InviteRole; expiresInHours: number; maxUses: number | null };
export type InviteWithStatus = Invite & { status: InviteStatus };
export type InviteInfo = { workspaceName: string; role: InviteRole; status: InviteStatus };

const HOUR = 3_600_000;

export type InviteLinkParts = {
  store: AccountStore;
  now: () => number;
  /** A membership an accepted link created or raised, for the relay (null: nothing changed). */
  changed: (change: MembershipChange | null) => void;
};

/** Invite links of a workspace: owners make, list and revoke them; anyone with one may join. */
export class InviteLinks {
  readonly #parts: InviteLinkParts;

  constructor(parts: InviteLinkParts) {
    this.#parts = parts;
  }

  async create(
    actorId: string,
    workspaceId: string,
    options: InviteOptions
  ): Promise<{ invite: InviteWithStatus; token: string }> {
    await requireOwner(this.#parts.store, actorId, workspaceId);
    const now = this.#parts.now();
    const { invite, token } = await insertInvite(this.#parts.store.invites, {
      workspaceId,
      role: options.role,
      createdBy: actorId,
      now,
      expiresAt: now + options.expiresInHours * HOUR,
      maxUses: options.maxUses
    });
    return { invite: { ...invite, status: inviteStatus(invite, now) }, token };
  }

  async list(actorId: string, workspaceId: string): Promise<InviteWithStatus[]> {
    await requireOwner(this.#parts.store, actorId, workspaceId);
    const now = this.#parts.now();
    const list = await this.#parts.store.invites.list(workspaceId);
    return list.map((i) => ({ ...i, status: inviteStatus(i, now) }));
  }

  async revoke(actorId: string, workspaceId: string, inviteId: string): Promise<void> {
    await requireOwner(this.#parts.store, actorId, workspaceId);
    if (
      !ID_PATTERN.test(inviteId) ||
      !(await this.#parts.store.invites.revoke(workspaceId, inviteId, this.#parts.now()))
    ) {
      throw noInvite();
    }
  }

  /** What an invite link offers, for the page that asks whether to accept it. */
  async info(token: string): Promise<InviteInfo | null> {
    const invite = await inviteByToken(this.#parts.store.invites, token);
    const workspace = invite && (await this.#parts.store.workspaces.get(invite.workspaceId));
    if (!invite || !workspace) return null;
    return {
      workspaceName: workspace.name,
      role: invite.role,
      status: inviteStatus(invite, this.#parts.now())
    };
  }

  /**
   * Joins the invite's workspace. Someone who is already a member keeps the higher of their role
   * and the invite's, and uses none of the invite's uses (clicking a link twice costs nothing);
   * a member whose old link has lapsed is simply let in with the role they have.
   */
  async accept(userId: string, token: string): Promise<MyWorkspace> {
    const result = await this.#parts.store.transaction(async ({ invites, workspaces }) => {
      const invite = await inviteByToken(invites, token);
      const workspace = invite && (await workspaces.get(invite.workspaceId));
      if (!invite || !workspace) throw noInvite();
      const status = inviteStatus(invite, this.#parts.now());
      const current = await workspaces.role(workspace.id, userId);
      let role: Role;
      if (current) {
        role = status === 'valid' ? higherRole(current, invite.role) : current;
      } else {
        if (status !== 'valid') throw inviteGone(status);
        if (!(await invites.use(invite.id))) throw inviteGone('used_up');
        role = invite.role;
      }
      if (role !== current)
        await workspaces.setMember(workspace.id, userId, role, this.#parts.now());
      const change = role !== current ? { workspaceId: workspace.id, userId, role } : null;
      return { workspace: { id: workspace.id, name: workspace.name, role }, change };
    });
    this.#parts.changed(result.change);
    return result.workspace;
  }
}
