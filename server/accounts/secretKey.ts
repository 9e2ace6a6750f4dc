import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'secret.key';
const SECRET_BYTES = 32;

/**
 * The key that signs sync tokens, `DATA_DIR/secret.key`, shared by the server and the admin
 * command (a token printed by one is checked by the other). Created on first use, readable by its
 * owner only. The file is written under a temporary name and linked into place, which fails if
 * the key exists: two processes starting together end up with the same key, never a half-written
 * one.
 */
export function loadOrCreateSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, randomBytes(SECRET_BYTES), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file} could not be created`);
  return secret;
}

function readSecret(file: string): Buffer | null {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (data.length !== SECRET_BYTES) {
    throw new Error(`${file} is damaged: expected ${SECRET_BYTES} bytes, found ${data.length}`);
  }
  return data;
}
