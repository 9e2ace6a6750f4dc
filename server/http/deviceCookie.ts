import { DEVICE_COOKIE } from '../accounts/KnownDevices.ts';

const YEAR_S = 365 * 24 * 3600;

/**
 * The known-device cookie: only the API reads it, scripts cannot, and other sites cannot send it.
 * It lives a year; it signs nobody in, it only keeps a sign-in allowance for its account.
 */
export function deviceCookie(value: string, secure: boolean): string {
  return `${DEVICE_COOKIE}=${value}; Path=/api; Max-Age=${YEAR_S}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
