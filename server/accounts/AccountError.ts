import type { ZodType } from 'zod';

/**
 * A refusal by the account rules. The code is stable (the API sends it as `error`); the message is
 * an English sentence for people.
 */
export type AccountErrorCode =
  | 'invalid_input'
  | 'email_taken'
  | 'not_found'
  | 'forbidden'
  | 'last_owner'
  | 'expired'
  | 'revoked'
  | 'used_up'
  | 'registration_closed'
  | 'wrong_password';

export class AccountError extends Error {
  readonly code: AccountErrorCode;

  constructor(code: AccountErrorCode, message: string) {
    super(message);
    this.name = 'AccountError';
    this.code = code;
  }
}

/** One answer for "does not exist" and "not yours", so workspace ids cannot be probed. */
export const noWorkspace = () =>
  new AccountError('not_found', 'No such workspace, or you are not a member of it.');
export const noMember = () => new AccountError('not_found', 'No such member in this workspace.');
export const noInvite = () => new AccountError('not_found', 'No such invite.');

const INVITE_GONE = {
  expired: 'This invite link has expired.',
  revoked: 'This invite link has been revoked.',
  used_up: 'This invite link has been used as many times as it allows.'
} as const;

export const inviteGone = (status: keyof typeof INVITE_GONE) =>
  new AccountError(status, INVITE_GONE[status]);

/** Validates one input with its schema, as an `invalid_input` refusal when it does not fit. */
export function parseInput<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AccountError('invalid_input', `Invalid input: ${result.error.issues[0]!.message}.`);
}
