import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie a browser keeps after signing in to an account successfully. */
export const DEVICE_COOKIE = 'uzel_device';
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * Devices that signed in to an account before. The cookie holds a random device id and a MAC of
 * it with the account's e-mail, under the server's secret: it cannot be forged, and it vouches
 * for one account only. Sign-in limits give such a device an allowance of its own, so someone
 * guessing an owner's password from elsewhere cannot lock the owner out.
 */
export class KnownDevices {
  readonly #secret: () => Buffer;

  constructor(secret: () => Buffer) {
    this.#secret = secret;
  }

  /** A cookie value for this browser and account (keeping the device id it already has). */
  issue(email: string, deviceId: string | null = null): string {
    const id = deviceId ?? randomBytes(16).toString('base64url');
    return `${id}.${this.#mac(id, email)}`;
  }

  /** The device id if the cookie vouches for this e-mail's account, else null. */
  recognise(cookieValue: string | null, email: string): string | null {
    if (!cookieValue || cookieValue.length > 128) return null;
    const [id, mac] = cookieValue.split('.');
    if (!id || !mac || !DEVICE_ID.test(id)) return null;
    const expected = Buffer.from(this.#mac(id, email));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  /** The device id in a cookie, checked or not (to keep it when the browser signs in elsewhere). */
  static idOf(cookieValue: string | null): string | null {
    const id = cookieValue?.split('.')[0];
    return id && DEVICE_ID.test(id) ? id : null;
  }

  #mac(id: string, email: string): string {
    return createHmac('sha256', this.#secret())
      .update(`uzel-device:${id}:${email}`)
      .digest('base64url');
  }
}

/** The device cookie's value in a `Cookie` header, or null. */
export function deviceCookieFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq >= 0 && pair.slice(0, eq).trim() === DEVICE_COOKIE) return pair.slice(eq + 1).trim();
  }
  return null;
}
