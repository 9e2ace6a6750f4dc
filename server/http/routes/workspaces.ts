import { z } from 'zod';
import { roleSchema, workspaceNameSchema } from '../../accounts/validation.ts';
import { noWorkspace } from '../../accounts/AccountError.ts';
import { requireRole } from '../roleGuard.ts';
import { resetPagePath } from '../../accounts/ResetLinks.ts';
import { resetLetter } from '../../mail/Mailer.ts';
import { route, signedIn, type ApiContext, type ApiDeps, type Route } from '../route.ts';
import { inviteView, memberView, workspaceView } from '../views.ts';

const createBody = z.object({ name: workspaceNameSchema });
const roleBody = z.object({ role: roleSchema });

/** Workspaces, their members and the sync tokens members may take for other clients. */
export function workspaceRoutes(deps: ApiDeps): Route[] {
  const { accounts, log, workspaceCreated, mailer } = deps;
  return [
    route('GET', '/api/workspaces', async (ctx) => {
      const me = signedIn(ctx);
      const workspaces = await accounts.workspaces(me.id);
      return { status: 200, body: { workspaces: workspaces.map(workspaceView) } };
    }),

    route(
      'POST',
      '/api/workspaces',
      async (ctx) => {
        const me = signedIn(ctx);
        const workspace = await accounts.createWorkspace(ctx.body.name, me.id);
        log.info('workspace created', { workspaceId: workspace.id, userId: me.id });
        await workspaceCreated(workspace.id);
        return {
          status: 201,
          body: { workspace: workspaceView({ ...workspace, role: 'owner' }) }
        };
      },
      createBody
    ),

    route('GET', '/api/workspaces/:id', async (ctx) => {
      const me = signedIn(ctx);
      const workspace = await accounts.workspace(me.id, ctx.params.id!);
      if (!workspace) throw noWorkspace();
      return { status: 200, body: { workspace: workspaceView(workspace) } };
    }),

    route('GET', '/api/workspaces/:id/members', async (ctx) => {
      const { me, workspaceId, role } = await requireRole(accounts, ctx);
      const members = await accounts.members(me.id, workspaceId);
      const isOwner = role === 'owner';
      const invites = isOwner ? await accounts.invites(me.id, workspaceId) : null;
      return {
        status: 200,
        body: {
          members: members.map((m) => memberView(m, isOwner)),
          deleted: await accounts.deletedMembers(me.id, workspaceId),
          ...(invites ? { invites: invites.map(inviteView) } : {})
        }
      };
    }),

    route(
      'PATCH',
      '/api/workspaces/:id/members/:userId',
      async (ctx) => {
        const me = signedIn(ctx);
        const { id, userId } = ctx.params as { id: string; userId: string };
        const role = await accounts.changeRole(me.id, id, userId, ctx.body.role);
        log.info('role changed', { workspaceId: id, userId, role, by: me.id });
        return { status: 200, body: { member: { userId, role } } };
      },
      roleBody
    ),

    route('DELETE', '/api/workspaces/:id/members/:userId', async (ctx) => {
      const me = signedIn(ctx);
      const { id, userId } = ctx.params as { id: string; userId: string };
      await accounts.removeMember(me.id, id, userId);
      log.info('member removed', { workspaceId: id, userId, by: me.id });
      return { status: 204 };
    }),

    // An owner's reset link for a member who forgot their password. With SMTP_URL set it goes to
    // the member's e-mail and the owner never sees it; without, the owner hands it over.
    route('POST', '/api/workspaces/:id/members/:userId/reset-link', async (ctx) => {
      const me = signedIn(ctx);
      const { id, userId } = ctx.params as { id: string; userId: string };
      const link = await accounts.credentials.linkForMember(me.id, id, userId);
      const path = resetPagePath(link.token);
      log.info('reset link made', { workspaceId: id, userId, by: me.id, mailed: mailer !== null });
      if (mailer && link.user.email) {
        await mailer.send(resetLetter(link.user.email, publicUrl(deps, ctx, path), link.expiresAt));
        return { status: 201, body: { mailed: true, expiresAt: link.expiresAt } };
      }
      return { status: 201, body: { mailed: false, path, expiresAt: link.expiresAt } };
    }),

    route('DELETE', '/api/workspaces/:id/members/:userId/account', async (ctx) => {
      const me = signedIn(ctx);
      const { id, userId } = ctx.params as { id: string; userId: string };
      await accounts.deletion.deleteMember(me.id, id, userId);
      log.info('account deleted by a workspace owner', { workspaceId: id, userId, by: me.id });
      return { status: 204 };
    }),

    route('POST', '/api/workspaces/:id/token', async (ctx) => {
      const me = signedIn(ctx);
      const token = await accounts.access.issueSyncToken(me.id, ctx.params.id!);
      if (!token) throw noWorkspace();
      return { status: 200, body: token };
    })
  ];
}

/** A link for an e-mail: on ORIGIN when it is set, else on the address the request came to. */
export function publicUrl(deps: ApiDeps, ctx: ApiContext<unknown>, path: string): string {
  const origin = deps.origin ?? `${ctx.secure ? 'https' : 'http'}://${ctx.req.headers.host}`;
  return origin + path;
}
