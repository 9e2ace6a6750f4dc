import { ApiError, NetworkError } from '$lib/api/client.ts';
import type { MessageKey } from '$lib/shared/i18n/translate.ts';
import { t } from '$lib/state/locale.svelte.ts';

const KNOWN = new Set([
  'bad_credentials',
  'email_taken',
  'rate_limited',
  'invalid_input',
  'password_blank',
  'password_common',
  'password_guessable',
  'password_personal',
  'last_owner',
  'forbidden',
  'wrong_password',
  'registration_closed',
  'expired',
  'used_up'
]);

/** A sentence a teacher understands, for any error an API call may throw. */
export function errorText(err: unknown): string {
  if (err instanceof NetworkError) return t('error.network');
  if (err instanceof ApiError && KNOWN.has(err.code)) return t(`error.${err.code}` as MessageKey);
  return t('error.generic');
}
