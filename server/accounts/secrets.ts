import { createHash, randomBytes } from 'node:crypto';

/** A bearer secret (session, invite): 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Only this hash of a bearer secret is stored: a copy of the database (a backup, a stolen disk)
 * then holds nothing that signs anyone in or opens an invite. SHA-256 is enough because the
 * secrets are random, not chosen by people.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
