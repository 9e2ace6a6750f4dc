import type { IncomingMessage } from 'node:http';
import { ApiError } from './ApiError.ts';

/**
 * Cross-site request forgery defence for requests that change something. A browser always sends
 * `Origin` with them, and another site cannot make it ours; it also cannot send
 * `Content-Type: application/json` cross-site without a CORS preflight, which we never grant.
 * Together with the SameSite cookie, that is three independent locks.
 */
export function checkOrigin(req: IncomingMessage, allowedOrigins: readonly string[]): void {
  const origin = req.headers.origin;
  if (!origin) {
    throw new ApiError(403, 'bad_origin', 'This request needs an Origin header from this site.');
  }
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    // `Origin: null` (a sandboxed frame, a file) is not a URL and not us.
  }
  if ((host && host === req.headers.host) || allowedOrigins.includes(origin)) return;
  throw new ApiError(403, 'bad_origin', 'Requests from another site are not accepted.');
}

export function checkJsonContentType(req: IncomingMessage): void {
  checkContentType(req, 'application/json');
}

export function checkContentType(req: IncomingMessage, expected: string): void {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== expected) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Send the request with Content-Type: ${expected}.`
    );
  }
}
