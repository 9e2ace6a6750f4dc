import { z } from 'zod';
import { roleSchema, workspaceNameSchema } from '../../accounts/validation.ts';
import { noWorkspace } from '../../accounts/AccountError.ts';
import { route, signedIn, type ApiDeps, type Route } from '../route.ts';
import { inviteView, memberView, workspaceView } from '../views.ts';

const createBody = z.object({ name: workspaceNameSchema });
const roleBody = z.object({ role: roleSchema });

/** Workspaces, their members and the sync tokens members may take for other clients. */
export function workspaceRoutes({ accounts, log, workspaceCreated }: ApiDeps): Route[] {
  return [
    route('GET', '/api/workspaces', (ctx) => {
      const me = signedIn(ctx);
      return { status: 200, body: { workspaces: accounts.workspaces(me.id).map(workspaceView) } };
    }),

    route(
      'POST',
      '/api/workspaces',
      async (ctx) => {
        const me = signedIn(ctx);
        const workspace = accounts.createWorkspace(ctx.body.name, me.id);
        log.info('workspace created', { workspaceId: workspace.id, userId: me.id });
        await workspaceCreated(workspace.id);
        return {
          status: 201,
          body: { workspace: workspaceView({ ...workspace, role: 'owner' }) }
        };
      },
      createBody
    ),

    route('GET', '/api/workspaces/:id', (ctx) => {
      const me = signedIn(ctx);
      const workspace = accounts.workspace(me.id, ctx.params.id!);
      if (!workspace) throw noWorkspace();
      return { status: 200, body: { workspace: workspaceView(workspace) } };
    }),

    route('GET', '/api/workspaces/:id/members', (ctx) => {
      const me = signedIn(ctx);
      const workspaceId = ctx.params.id!;
      const members = accounts.members(me.id, workspaceId);
      const isOwner = accounts.workspace(me.id, workspaceId)?.role === 'owner';
      return {
        status: 200,
        body: {
          members: members.map((m) => memberView(m, isOwner)),
          ...(isOwner ? { invites: accounts.invites(me.id, workspaceId).map(inviteView) } : {})
        }
      };
    }),

    route(
      'PATCH',
      '/api/workspaces/:id/members/:userId',
      (ctx) => {
        const me = signedIn(ctx);
        const { id, userId } = ctx.params as { id: string; userId: string };
        const role = accounts.changeRole(me.id, id, userId, ctx.body.role);
        log.info('role changed', { workspaceId: id, userId, role, by: me.id });
        return { status: 200, body: { member: { userId, role } } };
      },
      roleBody
    ),

    route('DELETE', '/api/workspaces/:id/members/:userId', (ctx) => {
      const me = signedIn(ctx);
      const { id, userId } = ctx.params as { id: string; userId: string };
      accounts.removeMember(me.id, id, userId);
      log.info('member removed', { workspaceId: id, userId, by: me.id });
      return { status: 204 };
    }),

    route('POST', '/api/workspaces/:id/token', (ctx) => {
      const me = signedIn(ctx);
      const token = accounts.access.issueSyncToken(me.id, ctx.params.id!);
      if (!token) throw noWorkspace();
      return { status: 200, body: token };
    })
  ];
}
