import { customAlphabet } from 'nanoid';

/**
 * Ids are created offline, without the server: 21 letters and digits (≈125 bits), which fit the
 * relay's room pattern and never start with a dash.
 */
export const newId = customAlphabet(
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  21
);

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}
