import { customAlphabet } from 'nanoid';

/**
 * Ids of people, workspaces and invites: 22 letters and digits (≈131 bits). No `-` or `_`, so an
 * id never starts with a dash, which command-line parsers read as an option.
 */
export const newAccountId = customAlphabet(
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  22
);
