import { z } from 'zod';
import { AccountError } from '../../accounts/AccountError.ts';
import { KnownDevices, deviceCookieFrom } from '../../accounts/KnownDevices.ts';
import {
  displayNameSchema,
  emailSchema,
  institutionSchema,
  passwordSchema
} from '../../accounts/validation.ts';
import type { User } from '../../accounts/types.ts';
import { ApiError } from '../ApiError.ts';
import { clearedSessionCookie, sessionCookie } from '../cookies.ts';
import { deviceCookie } from '../deviceCookie.ts';
import { refuseWeakPassword } from '../passwordRules.ts';
import { route, type ApiContext, type ApiDeps, type Reply, type Route } from '../route.ts';
import { count, SignInThrottle } from '../SignInThrottle.ts';
import { userView } from '../views.ts';

const registerBody = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  institution: institutionSchema.optional(),
  inviteToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, 'inviteToken must be an invite link’s token')
    .optional()
});

// Sign-in checks only the shape: the rules for new passwords are not a reason to say more than
// "wrong e-mail or password".
const loginBody = z.object({
  email: z.string().max(320),
  password: z.string().max(1024)
});

/**
 * The one answer to every registration that passed the rules, new e-mail or known: nothing in
 * it (status, body, cookies) tells whether the address already had an account. The app then
 * signs in with what was typed.
 */
const REGISTERED = {
  status: 'registered',
  message: 'If this e-mail could be registered, the account is ready: sign in with it.'
};

export function rateLimited(wait: number, message: string): ApiError {
  return new ApiError(429, 'rate_limited', message, {
    'retry-after': String(Math.ceil(wait / 1000))
  });
}

/** The attempt's key and address for the sign-in limits: a known device counts on its own. */
export function attemptKey(deps: ApiDeps, ctx: ApiContext<unknown>, email: string) {
  const cookie = deviceCookieFrom(ctx.req.headers.cookie);
  const deviceId = deps.accounts.devices.recognise(cookie, email);
  return {
    key: SignInThrottle.accountKey(email, deviceId),
    address: deviceId ? null : ctx.ip,
    cookie
  };
}

/** Registration, sign-in and sign-out. */
export function authRoutes(deps: ApiDeps): Route[] {
  const { accounts, log, signIn, registrations } = deps;

  const startSession = async (
    ctx: ApiContext<unknown>,
    user: User,
    device: string
  ): Promise<Reply> => {
    // A new sign-in replaces the session the browser had, rather than leaving it behind.
    if (ctx.sessionToken) await accounts.endSession(ctx.sessionToken);
    const session = await accounts.startSession(user.id);
    return {
      status: 200,
      body: { user: userView(user) },
      cookies: [
        sessionCookie(session.token, session.expiresAt, deps.now(), ctx.secure),
        deviceCookie(device, ctx.secure)
      ]
    };
  };

  return [
    route(
      'POST',
      '/api/auth/register',
      async (ctx) => {
        // Counted before anything is hashed: each registration costs a 32 MiB scrypt.
        const wait = await count(registrations, ctx.ip);
        if (wait > 0) throw rateLimited(wait, 'Too many registrations from this address.');
        const { email, password, displayName } = ctx.body;
        await refuseWeakPassword(password, [email, displayName]);
        try {
          const user = await accounts.register(ctx.body);
          log.info('person registered', { userId: user.id });
        } catch (err) {
          if (!(err instanceof AccountError && err.code === 'email_taken')) throw err;
          log.info('registration for a known e-mail answered as any other');
        }
        return { status: 202, body: REGISTERED };
      },
      registerBody
    ),

    route(
      'POST',
      '/api/auth/login',
      async (ctx) => {
        const normalised = emailSchema.safeParse(ctx.body.email);
        const email = normalised.success ? normalised.data : ctx.body.email.toLowerCase();
        const attempt = attemptKey(deps, ctx, email);
        const wait = await signIn.attempt(attempt.key, attempt.address);
        if (wait > 0) throw rateLimited(wait, 'Too many sign-in attempts. Try again later.');
        const user = await accounts.login(ctx.body.email, ctx.body.password);
        if (!user) {
          log.info('sign-in refused');
          throw new ApiError(401, 'bad_credentials', 'Wrong e-mail or password.');
        }
        await signIn.succeeded(attempt.key, attempt.address);
        log.info('signed in', { userId: user.id });
        // The browser is known to this account from now on (keeping its device id).
        const device = accounts.devices.issue(email, KnownDevices.idOf(attempt.cookie));
        return startSession(ctx, user, device);
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
