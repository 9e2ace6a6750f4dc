import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Role } from './types.ts';
import { idSchema, roleSchema } from './validation.ts';

/** What a sync token says: who (`sub`), which workspace (`ws`), which role, until when (`exp`, ms). */
export type SyncTokenClaims = { sub: string; ws: string; role: Role; exp: number };

const VERSION = 'v1';

const claimsSchema = z.object({
  sub: idSchema,
  ws: idSchema,
  role: roleSchema,
  exp: z.number().int().positive()
});

/**
 * Short-lived bearer tokens for y-websocket clients that have no session cookie:
 * `v1.<base64url JSON claims>.<base64url HMAC-SHA256>`. The version is part of the signed text,
 * so a future format cannot be confused with this one. A valid signature is necessary but not
 * sufficient: the account system still checks the current membership on every use.
 */
export class SyncTokenSigner {
  readonly #secret: () => Buffer;

  /** The secret is asked for lazily: it is created on the first token, not on every start. */
  constructor(secret: () => Buffer) {
    this.#secret = secret;
  }

  sign(claims: SyncTokenClaims): string {
    const body = `${VERSION}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${body}.${this.#mac(body).toString('base64url')}`;
  }

  /** The claims of a token signed with our key that has not expired at `now`, or null. */
  verify(token: string, now: number): SyncTokenClaims | null {
    // Bounded before any work: the token arrives in a URL from anyone.
    if (token.length > 2048) return null;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION) return null;
    const given = Buffer.from(parts[2]!, 'base64url');
    // Canonical form only: base64 has spare bits, and one token should have one spelling.
    if (given.toString('base64url') !== parts[2]) return null;
    const expected = this.#mac(`${parts[0]}.${parts[1]}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const claims = claimsSchema.safeParse(json);
    if (!claims.success || claims.data.exp <= now) return null;
    return claims.data;
  }

  #mac(text: string): Buffer {
    return createHmac('sha256', this.#secret()).update(text).digest();
  }
}
