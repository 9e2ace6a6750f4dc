import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Accounts } from '../accounts/Accounts.ts';
import { AccountError } from '../accounts/AccountError.ts';
import { sessionTokenFrom } from '../accounts/sessionCookie.ts';
import { ID_PATTERN } from '../accounts/validation.ts';
import type { Logger } from '../log.ts';
import { ACCOUNT_ERROR_STATUS, ApiError } from './ApiError.ts';
import { readBody, readJsonBody } from './body.ts';
import { clearedSessionCookie, isHttps, sessionCookie } from './cookies.ts';
import { checkContentType, checkJsonContentType, checkOrigin } from './guards.ts';
import type { BatchSync } from '../relay/BatchSync.ts';
import type { BlobStore } from '../blobs/BlobStore.ts';
import { blobRoutes } from './routes/blobs.ts';
import { RateLimiter, type WindowLimitFactory } from './RateLimiter.ts';
import { SignInThrottle, type LoginLimit } from './SignInThrottle.ts';
import type { Mailer } from '../mail/Mailer.ts';
import type { ApiContext, ApiDeps, Method, Reply, Route } from './route.ts';
import type { CalendarFeeds } from '../calendar/CalendarFeeds.ts';
import { authRoutes } from './routes/auth.ts';
import { calendarFeedRoutes } from './routes/calendarFeeds.ts';
import { inviteRoutes } from './routes/invites.ts';
import { meRoutes } from './routes/me.ts';
import { passwordResetRoutes } from './routes/passwordResets.ts';
import { syncRoutes } from './routes/sync.ts';
import { publishingRoutes } from './routes/publishing.ts';
import { historyRoutes } from './routes/history.ts';
import type { History } from '../history/History.ts';
import type { Publishing } from '../publishing/Publishing.ts';
import { workspaceRoutes } from './routes/workspaces.ts';

export const API_PREFIX = '/api/';

export type ApiRouterOptions = {
  accounts: Accounts;
  log: Logger;
  /** Origins allowed to change things besides the server's own (the same list as the relay's). */
  allowedOrigins: readonly string[];
  /** Sign-in attempts allowed per account and per peer address in the first window. */
  loginLimit?: LoginLimit;
  /** Registrations allowed per peer address each hour (REGISTRATIONS_PER_ADDRESS_PER_HOUR). */
  registrationsPerHour?: number;
  /** E-mails reset links (SMTP_URL); without it they are shown to whoever made them. */
  mailer?: Mailer | null;
  /** The public origin for links in e-mails (ORIGIN). */
  origin?: string;
  now?: () => number;
  /** Called after a workspace is created, before the answer is sent. */
  workspaceCreated?: (workspaceId: string) => Promise<void>;
  /** Proposing and publishing documents; without it those endpoints do not exist. */
  publishing?: Publishing;
  /** The calendar subscription links and feeds; without it those endpoints do not exist. */
  calendarFeeds?: CalendarFeeds;
  /** Feed requests allowed per link and per address each hour (CALENDAR_FEED_REQUESTS_PER_*). */
  calendarFeedLimit?: { perToken: number; perAddress: number };
  /** Where the sign-in and calendar-feed limits count (in memory unless several instances share them). */
  limits?: WindowLimitFactory;
  /** Version history of documents; without it those endpoints do not exist. */
  history?: History;
  /** The batch sync of the server that owns the rooms; without it those endpoints answer 503. */
  sync?: BatchSync;
  /** Images and files of documents; without it those endpoints do not exist. */
  blobs?: BlobStore;
};

/**
 * Ten wrong passwords for one account in a quarter of an hour is more than a person makes and far
 * too few to guess one (later windows grow: `SignInThrottle`). The per-address bound is looser: a
 * school shares one address.
 */
const DEFAULT_LOGIN_LIMIT = { perEmail: 10, perAddress: 50, windowMs: 15 * 60_000 };

const STATE_CHANGING = new Set<string>(['POST', 'PATCH', 'PUT', 'DELETE']);
// Invite tokens are base64url; every other path parameter is an id.
const PARAM_PATTERNS: Record<string, RegExp> = {
  token: /^[A-Za-z0-9_-]{1,128}$/,
  sha256: /^[0-9a-f]{64}$/
};

/**
 * The JSON API under /api/, in front of the web app. The router owns everything common to all
 * endpoints (CSRF checks, body limits, validation, the session, error shapes); the endpoints in
 * `routes/` only say what happens.
 */
export class ApiRouter {
  readonly #routes: Route[];
  readonly #deps: ApiDeps;
  readonly #allowedOrigins: readonly string[];

  constructor(options: ApiRouterOptions) {
    const now = options.now ?? Date.now;
    const limit = options.loginLimit ?? DEFAULT_LOGIN_LIMIT;
    const makeLimit: WindowLimitFactory =
      options.limits ?? ((_name, { max, windowMs }) => new RateLimiter({ max, windowMs, now }));
    this.#allowedOrigins = options.allowedOrigins;
    this.#deps = {
      workspaceCreated: options.workspaceCreated ?? (async () => undefined),
      sync: options.sync ?? null,
      accounts: options.accounts,
      log: options.log,
      now,
      limit: makeLimit,
      signIn: new SignInThrottle(makeLimit, limit),
      registrations: {
        limit: makeLimit('register-address', {
          max: options.registrationsPerHour ?? 20,
          windowMs: 3_600_000
        }),
        max: options.registrationsPerHour ?? 20
      },
      mailer: options.mailer ?? null,
      origin: options.origin
    };
    this.#routes = [
      ...authRoutes(this.#deps),
      ...meRoutes(this.#deps),
      ...passwordResetRoutes(this.#deps),
      ...workspaceRoutes(this.#deps),
      ...inviteRoutes(this.#deps),
      ...syncRoutes(this.#deps),
      ...(options.publishing ? publishingRoutes(options.publishing) : []),
      ...(options.calendarFeeds
        ? calendarFeedRoutes(this.#deps, options.calendarFeeds, options.calendarFeedLimit)
        : []),
      ...(options.history ? historyRoutes(options.history) : []),
      ...(options.blobs ? blobRoutes(this.#deps, options.blobs) : [])
    ];
  }

  /** Answers requests under /api/; returns false for any other path, leaving it to the app. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (!pathname.startsWith(API_PREFIX)) return false;
    this.#answer(req, res, pathname).catch((err: unknown) => {
      // Only writing the answer can fail here (every handler error is answered); end the socket.
      this.#deps.log.error('api answer failed', {
        error: err instanceof Error ? err.message : String(err)
      });
      res.destroy();
    });
    return true;
  }

  /**
   * The route pattern a request matches (`GET /api/workspaces/:id`), for metrics: labels by
   * pattern rather than by path, so ids do not make a new time series each.
   */
  routeLabel(method: string, pathname: string): string | null {
    for (const route of this.#routes) {
      if (route.method === method && route.pattern.test(pathname)) return route.path;
    }
    return null;
  }

  /** The same, as connect-style middleware (for `vite dev` and `vite preview`). */
  middleware() {
    return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      if (!this.handle(req, res)) next();
    };
  }

  async #answer(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const secure = isHttps(req);
    let route: Route | undefined;
    let reply: Reply;
    try {
      const match = this.#match(req.method ?? 'GET', pathname);
      route = match.route;
      reply = await this.#run(req, match.route, match.params, secure);
    } catch (err) {
      reply = this.#failure(err, route, req, secure);
    }
    this.#send(req, res, reply);
  }

  #match(method: string, pathname: string): { route: Route; params: Record<string, string> } {
    const notFound = new ApiError(404, 'not_found', 'There is nothing at this address.');
    const allowed: Method[] = [];
    for (const route of this.#routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [i, name] of route.params.entries()) {
        let value: string;
        try {
          value = decodeURIComponent(m[i + 1]!);
        } catch {
          throw notFound;
        }
        // A malformed id cannot name anything: the same 404 as an unknown one.
        if (!(PARAM_PATTERNS[name] ?? ID_PATTERN).test(value)) throw notFound;
        params[name] = value;
      }
      return { route, params };
    }
    if (allowed.length === 0) throw notFound;
    throw new ApiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`, {
      allow: allowed.join(', ')
    });
  }

  async #run(
    req: IncomingMessage,
    route: Route,
    params: Record<string, string>,
    secure: boolean
  ): Promise<Reply> {
    let body: unknown = undefined;
    if (route.rawBody) {
      checkOrigin(req, this.#allowedOrigins);
    } else if (route.binary) {
      checkOrigin(req, this.#allowedOrigins);
      checkContentType(req, route.binary.contentType);
      body = new Uint8Array(await readBody(req, route.binary.maxBytes));
    } else if (STATE_CHANGING.has(route.method)) {
      checkOrigin(req, this.#allowedOrigins);
      checkJsonContentType(req);
      const raw = await readJsonBody(req);
      body = raw;
      if (route.body) {
        const parsed = route.body.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
          throw new ApiError(
            400,
            'invalid_input',
            `Invalid input at "${where}": ${issue.message}.`
          );
        }
        body = parsed.data;
      }
    }
    const sessionToken = sessionTokenFrom(req.headers.cookie);
    const session = sessionToken ? await this.#deps.accounts.resumeSession(sessionToken) : null;
    const ctx: ApiContext<unknown> = {
      req,
      params,
      body,
      user: session?.user ?? null,
      sessionToken,
      ip: req.socket.remoteAddress ?? 'unknown',
      secure
    };
    const reply = await route.handle(ctx);
    // A session whose expiry slid forward gets a cookie that lives as long, unless the endpoint
    // set its own (sign-in, sign-out).
    if (session?.renewed && sessionToken && !reply.cookies) {
      reply.cookies = [sessionCookie(sessionToken, session.expiresAt, this.#deps.now(), secure)];
    }
    return reply;
  }

  #failure(err: unknown, route: Route | undefined, req: IncomingMessage, secure: boolean): Reply {
    let error: ApiError;
    if (err instanceof ApiError) error = err;
    else if (err instanceof AccountError) {
      error = new ApiError(ACCOUNT_ERROR_STATUS[err.code], err.code, err.message);
    } else {
      // The route pattern, never the URL: a URL may carry an invite token.
      this.#deps.log.error('api request failed', {
        route: route ? `${route.method} ${route.path}` : null,
        error: err instanceof Error ? err.message : String(err)
      });
      error = new ApiError(500, 'internal_error', 'Something went wrong on the server.');
    }
    const reply: Reply = {
      status: error.status,
      body: { error: error.code, message: error.message },
      headers: error.headers
    };
    // A cookie that no longer names a session is removed, so the app stops sending it.
    if (error.code === 'unauthorised' && sessionTokenFrom(req.headers.cookie)) {
      reply.cookies = [clearedSessionCookie(secure)];
    }
    return reply;
  }

  #send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string | string[]> = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...reply.headers
    };
    if (reply.cookies) headers['set-cookie'] = reply.cookies;
    // A body we did not read (too large, refused early) is not waited for: close after answering.
    if (!req.complete) headers.connection = 'close';
    if (reply.stream !== undefined) {
      res.writeHead(reply.status, headers);
      if (req.method === 'HEAD') res.end();
      else
        reply
          .stream()
          .on('error', () => res.destroy())
          .pipe(res);
      return;
    }
    if (reply.text !== undefined) {
      res.writeHead(reply.status, headers).end(reply.text);
      return;
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    if (reply.body instanceof Uint8Array) {
      headers['content-type'] ??= 'application/octet-stream';
      res.writeHead(reply.status, headers).end(reply.body);
      return;
    }
    headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  }
}
