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
    route('GET', '/api/me', (ctx) => {
      const me = signedIn(ctx);
      return {
        status: 200,
        body: { user: userView(me), workspaces: accounts.workspaces(me.id).map(workspaceView) }
      };
    }),

    route(
      'PATCH',
      '/api/me',
      (ctx) => {
        const me = signedIn(ctx);
        return { status: 200, body: { user: userView(accounts.updateProfile(me.id, ctx.body)) } };
      },
      profileBody
    )
  ];
}
