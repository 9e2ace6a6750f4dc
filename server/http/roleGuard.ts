import { noWorkspace } from '../accounts/AccountError.ts';
import type { Accounts } from '../accounts/Accounts.ts';
import { outranks } from '../accounts/roles.ts';
import type { Role, User } from '../accounts/types.ts';
import { ApiError } from './ApiError.ts';
import { signedIn, type ApiContext } from './route.ts';

/** Who asks, in which workspace (the route's `:id`), and with which role there. */
export type WorkspaceAccess = { me: User; workspaceId: string; role: Role };

/** How a refusal reads: a stable code (the app picks its message by it) and an English sentence. */
export type Refusal = { code: string; message: string };

const REFUSALS: Record<Role, Refusal> = {
  viewer: { code: 'forbidden', message: 'Only members of the workspace may do this.' },
  editor: { code: 'forbidden', message: 'Only members who can edit may do this.' },
  owner: { code: 'forbidden', message: 'Only an owner of the workspace may do this.' }
};

/**
 * The one role check of the JSON API's workspace routes: signed in (else 401), a member of the
 * workspace named by `:id` (else 404, the same answer as for a workspace that does not exist, so
 * ids cannot be probed), and holding at least `needed` (else 403 with `refusal`).
 */
export async function requireRole(
  accounts: Accounts,
  ctx: ApiContext<unknown>,
  needed: Role = 'viewer',
  refusal: Refusal = REFUSALS[needed]
): Promise<WorkspaceAccess> {
  const me = signedIn(ctx);
  const workspaceId = ctx.params.id!;
  const role = (await accounts.workspace(me.id, workspaceId))?.role;
  if (!role) throw noWorkspace();
  if (outranks(needed, role)) throw new ApiError(403, refusal.code, refusal.message);
  return { me, workspaceId, role };
}
