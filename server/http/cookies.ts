import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { SESSION_COOKIE } from '../accounts/sessionCookie.ts';

/**
 * True when the browser reached us over https, directly or through a proxy that says so. Trusting
 * the proxy header here is safe: it can only add `Secure`, which makes the cookie stricter.
 */
export function isHttps(req: IncomingMessage): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first?.toLowerCase() === 'https';
}

/**
 * The session cookie: HttpOnly so page scripts (and anything injected into them) cannot read it,
 * SameSite=Lax so other sites cannot send it with their forms and fetches, Path=/ because the
 * relay's upgrade under /sync/ needs it too.
 */
export function sessionCookie(token: string, expiresAt: number, now: number, secure: boolean) {
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean) {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
