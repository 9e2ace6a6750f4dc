import { z } from 'zod';
import { displayNameSchema, emailSchema, passwordSchema } from '../../accounts/validation.ts';
import { passwordProblem, type PasswordProblem } from '../../accounts/passwordStrength.ts';
import type { User } from '../../accounts/types.ts';
import { ApiError } from '../ApiError.ts';
import { clearedSessionCookie, sessionCookie } from '../cookies.ts';
import { route, type ApiContext, type ApiDeps, type Reply, type Route } from '../route.ts';
import { userView } from '../views.ts';

const registerBody = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema
});

// Sign-in checks only the shape: the rules for new passwords are not a reason to say more than
// "wrong e-mail or password".
const loginBody = z.object({
  email: z.string().max(320),
  password: z.string().max(1024)
});

/** The sentence for programs and logs; the app says each in Russian from the code. */
const PASSWORD_REFUSED: Record<PasswordProblem, string> = {
  password_blank: 'The password is only spaces: choose one with letters or digits.',
  password_common: 'This password is on the lists attackers try first: choose another.',
  password_guessable: 'This password is too easy to guess (repeats or sequences): make it longer.',
  password_personal: 'The password is built from your e-mail or name: choose another.'
};

/** Registration, sign-in and sign-out. */
export function authRoutes(deps: ApiDeps): Route[] {
  const { accounts, log, loginLimits } = deps;

  const signIn = async (ctx: ApiContext<unknown>, user: User, status: number): Promise<Reply> => {
    // A new sign-in replaces the session the browser had, rather than leaving it behind.
    if (ctx.sessionToken) await accounts.endSession(ctx.sessionToken);
    const session = await accounts.startSession(user.id);
    return {
      status,
      body: { user: userView(user) },
      cookies: [sessionCookie(session.token, session.expiresAt, deps.now(), ctx.secure)]
    };
  };

  return [
    route(
      'POST',
      '/api/auth/register',
      async (ctx) => {
        const { email, password, displayName } = ctx.body;
        const problem = await passwordProblem(password, [email, displayName]);
        if (problem) throw new ApiError(400, problem, PASSWORD_REFUSED[problem]);
        const user = await accounts.register(ctx.body);
        log.info('person registered', { userId: user.id });
        return signIn(ctx, user, 201);
      },
      registerBody
    ),

    route(
      'POST',
      '/api/auth/login',
      async (ctx) => {
        const normalised = emailSchema.safeParse(ctx.body.email);
        const emailKey = normalised.success ? normalised.data : ctx.body.email.toLowerCase();
        const wait = Math.max(
          await loginLimits.perEmail.retryAfter(emailKey),
          await loginLimits.perAddress.retryAfter(ctx.ip)
        );
        if (wait > 0) {
          throw new ApiError(
            429,
            'rate_limited',
            'Too many failed sign-in attempts. Try again later.',
            { 'retry-after': String(Math.ceil(wait / 1000)) }
          );
        }
        const user = await accounts.login(ctx.body.email, ctx.body.password);
        if (!user) {
          await loginLimits.perEmail.hit(emailKey);
          await loginLimits.perAddress.hit(ctx.ip);
          log.info('sign-in refused');
          throw new ApiError(401, 'bad_credentials', 'Wrong e-mail or password.');
        }
        await loginLimits.perEmail.reset(emailKey);
        log.info('signed in', { userId: user.id });
        return signIn(ctx, user, 200);
      },
      loginBody
    ),

    route('POST', '/api/auth/logout', async (ctx) => {
      if (ctx.sessionToken) await accounts.endSession(ctx.sessionToken);
      if (ctx.user) log.info('signed out', { userId: ctx.user.id });
      return { status: 204, cookies: [clearedSessionCookie(ctx.secure)] };
    })
  ];
}
