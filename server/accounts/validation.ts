import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { INVITE_ROLES, ROLES } from './types.ts';

/** Ids of users, workspaces and invites: the same allow-list as room names use. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idSchema = z.string().regex(ID_PATTERN, 'must be an id (letters, digits, _ and -)');

// Control characters would let a name break a log line or a layout.
const CONTROL = /\p{Cc}/u;

function text(what: string, min: number, max: number) {
  return z
    .string({ message: `${what} must be text` })
    .trim()
    .min(min, min === 1 ? `${what} must not be empty` : `${what} is too short`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), `${what} must not contain control characters`);
}

/**
 * Domains such as `почта.рф` are checked (and stored) in their ASCII form, so the strict e-mail
 * pattern accepts them and one address has one spelling. Lower-cased: e-mail is the login, and
 * people do not expect `Ivan@` and `ivan@` to be two accounts.
 */
function asciiDomain(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = domainToASCII(address.slice(at + 1));
  return domain ? `${address.slice(0, at)}@${domain}` : address;
}

export const emailSchema = z
  .string({ message: 'e-mail must be text' })
  .trim()
  .max(254, 'e-mail must be at most 254 characters')
  .transform((s) => asciiDomain(s).toLowerCase())
  .pipe(z.email({ message: 'must be an e-mail address' }));

export const MIN_PASSWORD_LENGTH = 8;

// The upper bound keeps one login from costing more than it should; any real password fits.
export const passwordSchema = z
  .string({ message: 'password must be text' })
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'password must be at most 1024 characters');

export const displayNameSchema = text('display name', 1, 80);
export const institutionSchema = text('institution', 0, 200);
export const workspaceNameSchema = text('workspace name', 1, 120);
export const roleSchema = z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` });
export const inviteRoleSchema = z.enum(INVITE_ROLES, {
  message: `role must be one of ${INVITE_ROLES.join(', ')}`
});
