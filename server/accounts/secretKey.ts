import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import type { Engine } from '../db/engine.ts';
import { migratePostgres, type StoreSchema } from '../db/migrations.ts';

export const SECRET_FILE = 'secret.key';
export const SECRET_BYTES = 32;

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

/**
 * The signing key as every instance sees it. On SQLite it is the file above; on PostgreSQL a
 * one-row table, so a token signed by one instance is accepted by all of them.
 */
export interface SigningKeyStore {
  /** The key, created on first use; every caller on the same database gets the same one. */
  key(): Promise<Buffer>;
}

export const SIGNING_KEY_SCHEMA: StoreSchema = {
  store: 'signing_key',
  // SQLite keeps the key in `secret.key`, not in a database file: nothing to migrate there.
  sqlite: ['SELECT 1'],
  postgres: [
    `CREATE TABLE signing_key (
       id SMALLINT PRIMARY KEY CHECK (id = 1),
       key BYTEA NOT NULL CHECK (length(key) = ${SECRET_BYTES}),
       created_at BIGINT NOT NULL
     )`
  ]
};

export class FileSigningKey implements SigningKeyStore {
  readonly #dataDir: string;

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  async key(): Promise<Buffer> {
    return loadOrCreateSecret(this.#dataDir);
  }
}

export class PostgresSigningKey implements SigningKeyStore {
  readonly #pool: Pool;

  private constructor(pool: Pool) {
    this.#pool = pool;
  }

  static async open(pool: Pool): Promise<PostgresSigningKey> {
    await migratePostgres(pool, SIGNING_KEY_SCHEMA);
    return new PostgresSigningKey(pool);
  }

  /**
   * Insert-if-absent, then read: instances starting together each offer a random key, the
   * primary key lets exactly one in, and every one of them reads back that one.
   */
  async key(): Promise<Buffer> {
    await this.#pool.query(
      `INSERT INTO signing_key (id, key, created_at) VALUES (1, $1, $2)
       ON CONFLICT (id) DO NOTHING`,
      [randomBytes(SECRET_BYTES), Date.now()]
    );
    const result = await this.#pool.query<{ key: Buffer }>(
      'SELECT key FROM signing_key WHERE id = 1'
    );
    return result.rows[0]!.key;
  }
}

export async function openSigningKey(engine: Engine): Promise<SigningKeyStore> {
  if (engine.kind === 'postgres') return PostgresSigningKey.open(engine.pool);
  return new FileSigningKey(engine.dataDir);
}
