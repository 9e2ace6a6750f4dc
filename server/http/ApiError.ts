import type { AccountErrorCode } from '../accounts/AccountError.ts';

/**
 * An answer other than success: the HTTP status, a stable code for programs (`error`) and an
 * English sentence for people (`message`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** How each refusal of the account rules is told over HTTP. */
export const ACCOUNT_ERROR_STATUS: Record<AccountErrorCode, number> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  email_taken: 409,
  last_owner: 409,
  expired: 410,
  revoked: 410,
  used_up: 410,
  registration_closed: 403,
  wrong_password: 403
};

export const unauthorised = () =>
  new ApiError(401, 'unauthorised', 'Sign in to do this: there is no valid session.');
