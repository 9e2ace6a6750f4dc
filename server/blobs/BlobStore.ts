import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, unlink, access } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { BlobError } from './BlobError.ts';
import { declaredMatches, SNIFF_BYTES, sniffType } from './sniff.ts';

export const BLOBS_FILE = 'blobs.sqlite';
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export type BlobMeta = {
  workspaceId: string;
  hash: string;
  size: number;
  declaredType: string | null;
  sniffedType: string;
  uploadedBy: string;
  createdAt: number;
};

export type BlobStoreOptions = {
  /** Where `blobs.sqlite` and the `blobs/` folder live. */
  dataDir: string;
  /** The largest single file, in bytes. */
  maxFileBytes: number;
  /** The sum of one workspace's files, in bytes. */
  quotaBytes: number;
  synchronous?: 'full' | 'normal';
  now?: () => number;
};

type Row = {
  workspace_id: string;
  hash: string;
  size: number;
  declared_type: string | null;
  sniffed_type: string;
  uploaded_by: string;
  created_at: number;
};

const SCHEMA = `CREATE TABLE IF NOT EXISTS blobs (
  workspace_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  declared_type TEXT,
  sniffed_type TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, hash)
)`;

const toMeta = (row: Row): BlobMeta => ({
  workspaceId: row.workspace_id,
  hash: row.hash,
  size: row.size,
  declaredType: row.declared_type,
  sniffedType: row.sniffed_type,
  uploadedBy: row.uploaded_by,
  createdAt: row.created_at
});

export type PutResult = { created: boolean; meta: BlobMeta };

/**
 * Files of documents, content-addressed by SHA-256. The bytes live once on disk under
 * `blobs/<2 hex>/<hash>` however many workspaces hold them; which workspace may read a hash (and
 * whose quota it counts against) is a row in `blobs.sqlite`. A workspace gets a row only by
 * sending the bytes itself, so knowing a hash never grants access to someone else's file.
 */
export class BlobStore {
  readonly #db: Database.Database;
  readonly #dir: string;
  readonly #options: BlobStoreOptions;
  readonly #now: () => number;

  constructor(options: BlobStoreOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#dir = path.join(options.dataDir, 'blobs');
    this.#db = new Database(path.join(options.dataDir, BLOBS_FILE));
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(SCHEMA);
  }

  static fromConfig(config: Config): BlobStore {
    return new BlobStore({
      dataDir: config.dataDir,
      maxFileBytes: config.blobMaxFileBytes,
      quotaBytes: config.blobWorkspaceQuotaBytes,
      synchronous: config.sqliteSync
    });
  }

  get maxFileBytes(): number {
    return this.#options.maxFileBytes;
  }

  meta(workspaceId: string, hash: string): BlobMeta | null {
    const row = this.#db
      .prepare<[string, string], Row>('SELECT * FROM blobs WHERE workspace_id = ? AND hash = ?')
      .get(workspaceId, hash);
    return row ? toMeta(row) : null;
  }

  usedBytes(workspaceId: string): number {
    const row = this.#db
      .prepare<[string], { used: number | null }>(
        'SELECT SUM(size) AS used FROM blobs WHERE workspace_id = ?'
      )
      .get(workspaceId);
    return row?.used ?? 0;
  }

  /** The file holding a hash's bytes. */
  pathOf(hash: string): string {
    if (!SHA256_PATTERN.test(hash)) throw new Error('not a sha-256 hash');
    return path.join(this.#dir, hash.slice(0, 2), hash);
  }

  /**
   * Stores `body` as `hash` for a workspace. The bytes are streamed to a temporary file while
   * hashed and counted, so neither a large file nor a lying client costs more than the bound; the
   * file is synced to disk before it is renamed into place and before the row says it exists.
   * `declaredLength` (Content-Length) lets an oversized upload be refused before it is read.
   */
  async put(input: {
    workspaceId: string;
    hash: string;
    declaredType: string | null;
    declaredLength: number | null;
    uploadedBy: string;
    body: Readable;
  }): Promise<PutResult> {
    const { workspaceId, hash } = input;
    const existing = this.meta(workspaceId, hash);
    if (existing) return { created: false, meta: existing };

    const remaining = this.#options.quotaBytes - this.usedBytes(workspaceId);
    const bound = Math.min(this.#options.maxFileBytes, remaining);
    const refuse = () =>
      this.#options.maxFileBytes <= remaining
        ? new BlobError(
            'file_too_large',
            `A file may be at most ${this.#options.maxFileBytes} bytes.`
          )
        : new BlobError(
            'workspace_quota_exceeded',
            `The workspace has ${Math.max(0, remaining)} bytes left for files.`
          );
    if (input.declaredLength !== null && input.declaredLength > bound) throw refuse();

    const final = this.pathOf(hash);
    await mkdir(path.dirname(final), { recursive: true });
    const temp = `${final}.${randomBytes(6).toString('hex')}.part`;
    const file = await open(temp, 'w', 0o600);
    const hasher = createHash('sha256');
    const head: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    let moved = false;
    try {
      for await (const chunk of input.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > bound) throw refuse();
        hasher.update(chunk);
        if (headSize < SNIFF_BYTES) {
          head.push(chunk);
          headSize += chunk.length;
        }
        await file.write(chunk);
      }
      if (size === 0) throw new BlobError('empty_file', 'The file is empty.');
      const actual = hasher.digest('hex');
      if (actual !== hash) {
        throw new BlobError('hash_mismatch', 'The content does not match the hash in the address.');
      }
      const headBytes = Buffer.concat(head).subarray(0, SNIFF_BYTES);
      const sniffedType = sniffType(headBytes, size <= SNIFF_BYTES);
      if (!declaredMatches(input.declaredType, sniffedType)) {
        throw new BlobError(
          'type_mismatch',
          `The content is ${sniffedType}, not ${input.declaredType ?? 'what was declared'}.`
        );
      }
      await file.sync();
      await file.close();
      // Another workspace may have sent the same bytes: they are already there, keep them.
      if (await exists(final)) await unlink(temp);
      else {
        await rename(temp, final);
        await syncDir(path.dirname(final));
      }
      moved = true;
      const meta: BlobMeta = {
        workspaceId,
        hash,
        size,
        declaredType: input.declaredType,
        sniffedType,
        uploadedBy: input.uploadedBy,
        createdAt: this.#now()
      };
      // Checked again with the insert, in one synchronous step: uploads that streamed side by side
      // each saw the quota before the other was counted.
      const outcome = this.#db.transaction((): PutResult | 'over_quota' => {
        const stored = this.meta(workspaceId, hash);
        // Two uploads of one hash at once: the first row wins and the second is the same blob.
        if (stored) return { created: false, meta: stored };
        if (this.usedBytes(workspaceId) + size > this.#options.quotaBytes) return 'over_quota';
        this.#db
          .prepare(
            `INSERT INTO blobs
               (workspace_id, hash, size, declared_type, sniffed_type, uploaded_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`
          )
          .run(
            workspaceId,
            hash,
            size,
            meta.declaredType,
            sniffedType,
            meta.uploadedBy,
            meta.createdAt
          );
        return { created: true, meta };
      })();
      if (outcome === 'over_quota') {
        // The bytes may stay on disk (another workspace may hold them); they are not counted here.
        throw new BlobError(
          'workspace_quota_exceeded',
          'The workspace has no space left for files.'
        );
      }
      return outcome;
    } finally {
      if (!moved) {
        await file.close().catch(() => undefined);
        await unlink(temp).catch(() => undefined);
      }
    }
  }

  close(): void {
    this.#db.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** A rename is durable only once its directory entry is on disk. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
