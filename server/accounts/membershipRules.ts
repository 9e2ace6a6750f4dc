import { AccountError, noMember, noWorkspace } from './AccountError.ts';
import type { AccountTables } from './store/AccountStore.ts';
import type { Role } from './types.ts';
import { ID_PATTERN } from './validation.ts';

/**
 * The membership checks `Accounts` applies, on the store or on the tables of one of its
 * transactions (so the check and the change it guards are atomic).
 */
export async function roleOf(
  tables: AccountTables,
  userId: string,
  workspaceId: string
): Promise<Role> {
  const role = ID_PATTERN.test(workspaceId)
    ? await tables.workspaces.role(workspaceId, userId)
    : null;
  if (!role) throw noWorkspace();
  return role;
}

export async function requireOwner(tables: AccountTables, userId: string, workspaceId: string) {
  if ((await roleOf(tables, userId, workspaceId)) !== 'owner') {
    throw new AccountError('forbidden', 'Only an owner of this workspace may do this.');
  }
}

export async function memberRole(tables: AccountTables, workspaceId: string, userId: string) {
  const role = ID_PATTERN.test(userId) ? await tables.workspaces.role(workspaceId, userId) : null;
  if (!role) throw noMember();
  return role;
}

export async function keepAnOwner(tables: AccountTables, workspaceId: string): Promise<void> {
  if ((await tables.workspaces.ownerCount(workspaceId)) <= 1) {
    throw new AccountError(
      'last_owner',
      'A workspace needs an owner: name another owner before this one steps down or leaves.'
    );
  }
}
