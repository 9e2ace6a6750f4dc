import { AccountError, noMember } from './AccountError.ts';
import { memberRole, requireOwner } from './membershipRules.ts';
import type { AccountStore, AccountTables } from './store/AccountStore.ts';
import type { MembershipChange, User } from './types.ts';
import { ID_PATTERN } from './validation.ts';

export type AccountDeletionParts = {
  store: AccountStore;
  now: () => number;
  checkPassword: (user: User, password: string) => Promise<boolean>;
  /** After the deletion is committed: their sessions (by token hash) and memberships ended. */
  deleted: (userId: string, sessionHashes: string[], changes: MembershipChange[]) => Promise<void>;
};

/** What a deleted person's content is signed with from then on. */
export const DELETED_MEMBER_NAME = 'Удалённый участник';

/**
 * Deleting an account on request (152-FZ): by the person, who confirms with their password, or by
 * an owner of every workspace they belong to. The person's row goes (name, e-mail, institution,
 * password hash) with their sessions, memberships and reset links; only the id stays, in
 * `deleted_users`, so documents, comments and versions they wrote stay and name them
 * «Удалённый участник».
 */
export class AccountDeletion {
  readonly #parts: AccountDeletionParts;

  constructor(parts: AccountDeletionParts) {
    this.#parts = parts;
  }

  async deleteOwn(user: User, password: string): Promise<void> {
    if (!(await this.#parts.checkPassword(user, password))) {
      throw new AccountError('wrong_password', 'The password is not right.');
    }
    await this.#delete(user.id, async () => undefined);
  }

  /**
   * An owner deletes a member's account. Only someone whose every workspace the actor owns: an
   * account that also serves other workspaces is not one owner's to remove (remove the member
   * from this workspace instead). Another owner's account is theirs to delete.
   */
  async deleteMember(actorId: string, workspaceId: string, targetId: string): Promise<void> {
    if (actorId === targetId || !ID_PATTERN.test(targetId)) throw noMember();
    await this.#delete(targetId, async (tables) => {
      await requireOwner(tables, actorId, workspaceId);
      if ((await memberRole(tables, workspaceId, targetId)) === 'owner') {
        throw new AccountError('forbidden', 'An owner’s account can be deleted only by its owner.');
      }
      const target = await tables.users.get(targetId);
      if (!target || target.kind !== 'person') throw noMember();
      for (const ws of await tables.workspaces.of(targetId)) {
        if ((await tables.workspaces.role(ws.id, actorId)) !== 'owner') {
          throw new AccountError(
            'forbidden',
            'This person also works in workspaces you do not own: remove them from this one instead.'
          );
        }
      }
    });
  }

  async #delete(userId: string, check: (tables: AccountTables) => Promise<void>): Promise<void> {
    const { hashes, changes } = await this.#parts.store.transaction(async (tables) => {
      await check(tables);
      const workspaces = await tables.workspaces.of(userId);
      for (const ws of workspaces) {
        if (ws.role === 'owner') await keepOwnedIfShared(tables, ws.id, userId);
      }
      const hashes = await tables.sessions.deleteForUser(userId, null);
      if (!(await tables.deletions.deletePerson(userId, this.#parts.now()))) throw noMember();
      const changes = workspaces.map((ws) => ({ workspaceId: ws.id, userId, role: null }));
      return { hashes, changes };
    });
    await this.#parts.deleted(userId, hashes, changes);
  }
}

/** The last owner of a workspace that others use must hand it over first. */
async function keepOwnedIfShared(tables: AccountTables, workspaceId: string, userId: string) {
  if ((await tables.workspaces.ownerCount(workspaceId)) > 1) return;
  const members = await tables.workspaces.members(workspaceId);
  if (members.some((m) => m.user.id !== userId && m.user.kind === 'person')) {
    throw new AccountError(
      'last_owner',
      'You are the only owner of a workspace others use: name another owner before deleting the account.'
    );
  }
}
