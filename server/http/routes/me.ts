import { z } from 'zod';
import { displayNameSchema, institutionSchema } from '../../accounts/validation.ts';
import { route, signedIn, type ApiDeps, type Route } from '../route.ts';
import { userView, workspaceView } from '../views.ts';

const profileBody = z.object({
  displayName: displayNameSchema.optional(),
  institution: institutionSchema.optional()
});

/** The signed-in person: who they are and where they belong. */
export function meRoutes({ accounts }: ApiDeps): Route[] {
  return [
    route('GET', '/api/me', async (ctx) => {
      const me = signedIn(ctx);
      const workspaces = await accounts.workspaces(me.id);
      return {
        status: 200,
        body: { user: userView(me), workspaces: workspaces.map(workspaceView) }
      };
    }),

    route(
      'PATCH',
      '/api/me',
      async (ctx) => {
        const me = signedIn(ctx);
        const user = await accounts.updateProfile(me.id, ctx.body);
        return { status: 200, body: { user: userView(user) } };
      },
      profileBody
    )
  ];
}
