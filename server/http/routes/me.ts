import { z } from 'zod';
import { displayNameSchema, institutionSchema, passwordSchema } from '../../accounts/validation.ts';
import type { User } from '../../accounts/types.ts';
import { clearedSessionCookie } from '../cookies.ts';
import { refuseWeakPassword } from '../passwordRules.ts';
import { route, signedIn, type ApiContext, type ApiDeps, type Route } from '../route.ts';
import { userView, workspaceView } from '../views.ts';
import { attemptKey, rateLimited } from './auth.ts';

const profileBody = z.object({
  displayName: displayNameSchema.optional(),
  institution: institutionSchema.optional()
});

const passwordBody = z.object({
  currentPassword: z.string().max(1024),
  newPassword: passwordSchema
});

const deleteBody = z.object({ password: z.string().max(1024) });

/** The signed-in person: who they are, where they belong, their password and their account. */
export function meRoutes(deps: ApiDeps): Route[] {
  const { accounts, log, signIn } = deps;

  /**
   * A password typed to confirm a change counts like a sign-in attempt: a session left open on a
   * shared computer must not become a way to guess the password behind it.
   */
  const confirmingPassword = async <T>(
    ctx: ApiContext<unknown>,
    me: User,
    work: () => Promise<T>
  ): Promise<T> => {
    const attempt = attemptKey(deps, ctx, me.email ?? me.id);
    const wait = await signIn.attempt(attempt.key, attempt.address);
    if (wait > 0) throw rateLimited(wait, 'Too many password attempts. Try again later.');
    const result = await work();
    await signIn.succeeded(attempt.key, attempt.address);
    return result;
  };

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
    ),

    route(
      'POST',
      '/api/me/password',
      async (ctx) => {
        const me = signedIn(ctx);
        const { currentPassword, newPassword } = ctx.body;
        await refuseWeakPassword(newPassword, [me.email ?? '', me.displayName]);
        await confirmingPassword(ctx, me, () =>
          accounts.credentials.changePassword(me, currentPassword, newPassword, ctx.sessionToken)
        );
        log.info('password changed; other sessions ended', { userId: me.id });
        return { status: 204 };
      },
      passwordBody
    ),

    route(
      'DELETE',
      '/api/me',
      async (ctx) => {
        const me = signedIn(ctx);
        await confirmingPassword(ctx, me, () => accounts.deletion.deleteOwn(me, ctx.body.password));
        log.info('account deleted by its owner', { userId: me.id });
        return { status: 204, cookies: [clearedSessionCookie(ctx.secure)] };
      },
      deleteBody
    )
  ];
}
