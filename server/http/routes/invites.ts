import { z } from 'zod';
import { noInvite } from '../../accounts/AccountError.ts';
import { inviteRoleSchema } from '../../accounts/validation.ts';
import { route, signedIn, type ApiDeps, type Route } from '../route.ts';
import { inviteView, workspaceView } from '../views.ts';

const createBody = z.object({
  role: inviteRoleSchema,
  expiresInHours: z
    .number({ message: 'expiresInHours must be a number' })
    .int('expiresInHours must be a whole number')
    .min(1, 'expiresInHours must be between 1 and 720')
    .max(720, 'expiresInHours must be between 1 and 720')
    .default(168),
  maxUses: z
    .number({ message: 'maxUses must be a number' })
    .int('maxUses must be a whole number')
    .min(1, 'maxUses must be between 1 and 1000')
    .max(1000, 'maxUses must be between 1 and 1000')
    .nullable()
    .default(null)
});

/** Invite links: created and revoked by owners, read by anyone holding one, accepted when signed in. */
export function inviteRoutes({ accounts, log }: ApiDeps): Route[] {
  return [
    route(
      'POST',
      '/api/workspaces/:id/invites',
      async (ctx) => {
        const me = signedIn(ctx);
        const workspaceId = ctx.params.id!;
        const { invite, token } = await accounts.createInvite(me.id, workspaceId, ctx.body);
        log.info('invite created', { workspaceId, inviteId: invite.id, by: me.id });
        // The only time the link is shown: only its hash is stored.
        const path = `/invite?token=${encodeURIComponent(token)}`;
        return { status: 201, body: { invite: { ...inviteView(invite), token, path } } };
      },
      createBody
    ),

    route('DELETE', '/api/workspaces/:id/invites/:inviteId', async (ctx) => {
      const me = signedIn(ctx);
      const { id, inviteId } = ctx.params as { id: string; inviteId: string };
      await accounts.revokeInvite(me.id, id, inviteId);
      log.info('invite revoked', { workspaceId: id, inviteId, by: me.id });
      return { status: 204 };
    }),

    route('GET', '/api/invites/:token', async (ctx) => {
      const info = await accounts.inviteInfo(ctx.params.token!);
      if (!info) throw noInvite();
      return { status: 200, body: info };
    }),

    route('POST', '/api/invites/:token/accept', async (ctx) => {
      const me = signedIn(ctx);
      const workspace = await accounts.acceptInvite(me.id, ctx.params.token!);
      log.info('invite accepted', { workspaceId: workspace.id, userId: me.id });
      return { status: 200, body: { workspace: workspaceView(workspace) } };
    })
  ];
}
