import { z } from 'zod';
import { AccountError } from '../../accounts/AccountError.ts';
import { passwordSchema } from '../../accounts/validation.ts';
import { refuseWeakPassword } from '../passwordRules.ts';
import { route, type ApiDeps, type Route } from '../route.ts';

const resetBody = z.object({ password: passwordSchema });

const noLink = () => new AccountError('not_found', 'No such reset link.');

/** The reset page's two calls: is this link good, and the new password through it. */
export function passwordResetRoutes({ accounts, log }: ApiDeps): Route[] {
  return [
    route('GET', '/api/password-resets/:token', async (ctx) => {
      const info = await accounts.credentials.resetInfo(ctx.params.token!);
      if (!info) throw noLink();
      return { status: 200, body: { status: info.status } };
    }),

    route(
      'POST',
      '/api/password-resets/:token',
      async (ctx) => {
        const info = await accounts.credentials.resetInfo(ctx.params.token!);
        if (!info) throw noLink();
        await refuseWeakPassword(ctx.body.password, [info.user.email ?? '', info.user.displayName]);
        const user = await accounts.credentials.resetPassword(ctx.params.token!, ctx.body.password);
        log.info('password reset through a link; every session ended', { userId: user.id });
        return { status: 204 };
      },
      resetBody
    )
  ];
}
