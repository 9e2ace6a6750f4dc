import type { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import type { ZodType } from 'zod';
import type { Accounts } from '../accounts/Accounts.ts';
import type { User } from '../accounts/types.ts';
import type { Logger } from '../log.ts';
import type { BatchSync } from '../relay/BatchSync.ts';
import { unauthorised } from './ApiError.ts';
import type { Mailer } from '../mail/Mailer.ts';
import type { WindowLimitFactory } from './RateLimiter.ts';
import type { SignInThrottle, Tier } from './SignInThrottle.ts';

/** What the endpoints are built from. */
export type ApiDeps = {
  accounts: Accounts;
  log: Logger;
  now: () => number;
  /** Sign-in and password-check attempts, counted before any password is hashed. */
  signIn: SignInThrottle;
  /** Registrations per peer address. */
  registrations: Tier;
  /** Sends reset links by e-mail when SMTP_URL is set; null: they are shown instead. */
  mailer: Mailer | null;
  /** The server's public origin for links in e-mails (ORIGIN), else the request's Host. */
  origin: string | undefined;
  /** Makes the other limits (the calendar feed's), shared by every instance where they are. */
  limit: WindowLimitFactory;
  /** Called after a workspace is created, before the answer (e.g. to put sample documents in). */
  workspaceCreated: (workspaceId: string) => Promise<void>;
  /** Many documents synced over HTTP, by the server that owns the rooms (null: answered 503). */
  sync: BatchSync | null;
};

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler sees: the validated body, the path parameters and the signed-in person. */
export type ApiContext<Body> = {
  req: IncomingMessage;
  params: Record<string, string>;
  body: Body;
  /** The person behind the session cookie, or null. */
  user: User | null;
  /** The raw session token from the cookie (for sign-out), or null. */
  sessionToken: string | null;
  /** The peer address, for rate limits only (never logged). */
  ip: string;
  /** Whether the browser reached us over https (the cookie then gets `Secure`). */
  secure: boolean;
};

export type Reply = {
  status: number;
  /** JSON, or bytes (sent as `headers['content-type']`, by default application/octet-stream). */
  body?: unknown;
  /** A non-JSON body (e.g. a calendar feed); `headers` then names its content type. */
  text?: string;
  /** `Set-Cookie` values. */
  cookies?: string[];
  headers?: Record<string, string>;
  /** A stored blob streamed as the body, opened only for a GET; `headers` name type and length. */
  stream?: () => Readable;
};

export type Route = {
  method: Method;
  path: string;
  pattern: RegExp;
  params: string[];
  body: ZodType | null;
  /** A binary body instead of JSON: its one accepted content type and its size bound. */
  binary?: { contentType: string; maxBytes: number };
  /** The handler reads `ctx.req` itself (a streamed upload with its own bounds); Origin is checked. */
  rawBody?: boolean;
  handle(ctx: ApiContext<unknown>): Reply | Promise<Reply>;
};

/**
 * Declares one endpoint. `path` segments starting with `:` are parameters; the router checks each
 * against an allow-list before the handler runs, so handlers never see an arbitrary string.
 */
export function route<Body = undefined>(
  method: Method,
  path: string,
  handle: (ctx: ApiContext<Body>) => Reply | Promise<Reply>,
  body?: ZodType<Body>
): Route {
  const params: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return {
    method,
    path,
    pattern: new RegExp(`^${source}$`),
    params,
    body: body ?? null,
    handle: handle as Route['handle']
  };
}

/**
 * An endpoint whose body is bytes of one content type (the batch sync). The Origin check still
 * applies, and a content type other than the safelisted form types still needs a CORS preflight
 * that we never grant, so the CSRF defence is the same as for JSON.
 */
export function binaryRoute(
  method: Method,
  path: string,
  binary: { contentType: string; maxBytes: number },
  handle: (ctx: ApiContext<Uint8Array>) => Reply | Promise<Reply>
): Route {
  return { ...route<Uint8Array>(method, path, handle), binary };
}

/** The signed-in person, or a 401. */
export function signedIn(ctx: ApiContext<unknown>): User {
  if (!ctx.user) throw unauthorised();
  return ctx.user;
}
