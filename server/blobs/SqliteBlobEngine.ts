import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { migrateSqlite } from '../db/migrations.ts';
import { openSqliteFile, type SqliteSync } from '../db/sqliteFile.ts';
import type { BlobEngine, BlobMeta, PutResult } from './BlobEngine.ts';
import { BLOB_SCHEMA } from './blobSchema.ts';
import { SHA256_PATTERN } from './hashes.ts';

export const BLOBS_FILE = 'blobs.sqlite';

type Row = {
  workspace_id: string;
  hash: string;
  size: number;
  declared_type: string | null;
  sniffed_type: string;
  uploaded_by: string;
  created_at: number;
};

const toMeta = (row: Row): BlobMeta => ({
  workspaceId: row.workspace_id,
  hash: row.hash,
  size: row.size,
  declaredType: row.declared_type,
  sniffedType: row.sniffed_type,
  uploadedBy: row.uploaded_by,
  createdAt: row.created_at
});

/**
 * Rows in `blobs.sqlite`; bytes once on disk under `blobs/<2 hex>/<hash>` however many
 * workspaces hold them.
 */
export class SqliteBlobEngine implements BlobEngine {
  readonly #db: Database.Database;
  readonly #dir: string;

  constructor(dataDir: string, synchronous: SqliteSync = 'full') {
    this.#dir = path.join(dataDir, 'blobs');
    this.#db = openSqliteFile(path.join(dataDir, BLOBS_FILE), synchronous);
    try {
      migrateSqlite(this.#db, BLOB_SCHEMA);
    } catch (err) {
      this.#db.close();
      throw err;
    }
  }

  #metaNow(workspaceId: string, hash: string): BlobMeta | null {
    const row = this.#db
      .prepare<[string, string], Row>('SELECT * FROM blobs WHERE workspace_id = ? AND hash = ?')
      .get(workspaceId, hash);
    return row ? toMeta(row) : null;
  }

  #usedNow(workspaceId: string): number {
    const row = this.#db
      .prepare<[string], { used: number | null }>(
        'SELECT SUM(size) AS used FROM blobs WHERE workspace_id = ?'
      )
      .get(workspaceId);
    return row?.used ?? 0;
  }

  async meta(workspaceId: string, hash: string): Promise<BlobMeta | null> {
    return this.#metaNow(workspaceId, hash);
  }

  async usedBytes(workspaceId: string): Promise<number> {
    return this.#usedNow(workspaceId);
  }

  #pathOf(hash: string): string {
    if (!SHA256_PATTERN.test(hash)) throw new Error('not a sha-256 hash');
    return path.join(this.#dir, hash.slice(0, 2), hash);
  }

  /** Beside its final place, so keeping it is a rename within one folder. */
  async tempFile(hash: string): Promise<string> {
    const final = this.#pathOf(hash);
    await mkdir(path.dirname(final), { recursive: true });
    return `${final}.${randomBytes(6).toString('hex')}.part`;
  }

  async keepBytes(hash: string, tempFile: string): Promise<void> {
    const final = this.#pathOf(hash);
    if (await exists(final)) {
      await unlink(tempFile);
      return;
    }
    await rename(tempFile, final);
    await syncDir(path.dirname(final));
  }

  async addRow(meta: BlobMeta, quotaBytes: number): Promise<PutResult | 'over_quota'> {
    // One synchronous transaction: nothing else runs between the check and the insert.
    return this.#db.transaction((): PutResult | 'over_quota' => {
      const stored = this.#metaNow(meta.workspaceId, meta.hash);
      if (stored) return { created: false, meta: stored };
      if (this.#usedNow(meta.workspaceId) + meta.size > quotaBytes) return 'over_quota';
      this.#db
        .prepare(
          `INSERT INTO blobs
             (workspace_id, hash, size, declared_type, sniffed_type, uploaded_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          meta.workspaceId,
          meta.hash,
          meta.size,
          meta.declaredType,
          meta.sniffedType,
          meta.uploadedBy,
          meta.createdAt
        );
      return { created: true, meta };
    })();
  }

  read(hash: string): Readable {
    return createReadStream(this.#pathOf(hash));
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
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
