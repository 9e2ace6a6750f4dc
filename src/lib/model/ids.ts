import { nanoid } from 'nanoid';

/** Ids are created offline, without the server; nanoid's alphabet fits the relay's room pattern. */
export function newId(): string {
  return nanoid();
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}
