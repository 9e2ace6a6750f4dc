import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with Node's scrypt (memory-hard, no native add-on to keep building). The stored
 * string carries its own parameters, `scrypt$N$r$p$salt$hash`, so the cost can be raised later
 * without breaking existing accounts.
 *
 * N = 2^15, r = 8, p = 3 is one of OWASP's equivalent scrypt settings (Password Storage Cheat
 * Sheet): the same 32 MiB per attempt as before, three times the work. Of the equivalent settings
 * it keeps memory lowest, which matters when four sign-ins hash at once on a small server.
 * Hashes made with an older setting are replaced at the next successful sign-in (`needsRehash`).
 */
const COST = { N: 2 ** 15, r: 8, p: 3 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// Parameters read from the database are bounded, so a damaged row cannot ask for gigabytes.
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }) {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise<Buffer>((resolve, reject) =>
    // NFC: the same Cyrillic password typed on a tablet and on a laptop can arrive as different
    // code point sequences (й composed or decomposed); people expect both to work.
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key)
    )
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join(
    '$'
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N > MAX_N || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length !== KEY_BYTES) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** True when `stored` was made with other parameters than today's: hash again at sign-in. */
export function needsRehash(stored: string): boolean {
  const [kind, N, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(N) !== COST.N || Number(r) !== COST.r || Number(p) !== COST.p;
}

/**
 * A hash of no one's password, checked when the e-mail is unknown, so that "no such account" takes
 * as long as "wrong password" and the answer time does not reveal who has an account.
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('base64'));
  return decoy;
}
