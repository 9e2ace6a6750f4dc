import { randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { migratePostgres } from '../db/migrations.ts';
import type { BlobEngine, BlobMeta, PutResult } from './BlobEngine.ts';
import { BLOB_SCHEMA } from './blobSchema.ts';

/** Small enough that a read holds one chunk at a time, large enough to keep the rows few. */
export const CHUNK_BYTES = 256 * 1024;

type Row = {
  workspace_id: string;
  hash: string;
  size: string;
  declared_type: string | null;
  sniffed_type: string;
  uploaded_by: string;
  created_at: string;
};

const toMeta = (row: Row): BlobMeta => ({
  workspaceId: row.workspace_id,
  hash: row.hash,
  size: Number(row.size),
  declaredType: row.declared_type,
  sniffedType: row.sniffed_type,
  uploadedBy: row.uploaded_by,
  createdAt: Number(row.created_at)
});

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Rows and bytes in the shared database: a file uploaded through one instance downloads through
 * any other. An upload is still streamed to a local temporary file first, so a slow client never
 * holds a database connection; only the checked bytes are copied in, in one short transaction.
 */
export class PostgresBlobEngine implements BlobEngine {
  readonly #pool: Pool;
  readonly #incoming: string;

  private constructor(pool: Pool, incoming: string) {
    this.#pool = pool;
    this.#incoming = incoming;
  }

  static async open(pool: Pool, dataDir: string): Promise<PostgresBlobEngine> {
    await migratePostgres(pool, BLOB_SCHEMA);
    const incoming = path.join(dataDir, 'blobs-incoming');
    await mkdir(incoming, { recursive: true, mode: 0o700 });
    return new PostgresBlobEngine(pool, incoming);
  }

  async meta(workspaceId: string, hash: string): Promise<BlobMeta | null> {
    const result = await this.#pool.query<Row>(
      'SELECT * FROM blobs WHERE workspace_id = $1 AND hash = $2',
      [workspaceId, hash]
    );
    return result.rows[0] ? toMeta(result.rows[0]) : null;
  }

  async usedBytes(workspaceId: string): Promise<number> {
    const result = await this.#pool.query<{ used: string | null }>(
      'SELECT SUM(size) AS used FROM blobs WHERE workspace_id = $1',
      [workspaceId]
    );
    return Number(result.rows[0]?.used ?? 0);
  }

  async tempFile(hash: string): Promise<string> {
    return path.join(this.#incoming, `${hash}.${randomBytes(6).toString('hex')}.part`);
  }

  async keepBytes(hash: string, tempFile: string, size: number): Promise<void> {
    try {
      await inTransaction(this.#pool, async (client) => {
        // Two instances storing one hash at once: the second waits, then finds it complete.
        await client.query(
          "SELECT pg_advisory_xact_lock(hashtext('uzel_blob_bytes'), hashtext($1))",
          [hash]
        );
        const stored = await client.query('SELECT 1 FROM blob_bytes WHERE hash = $1', [hash]);
        if (stored.rowCount) return;
        const file = await open(tempFile, 'r');
        let n = 0;
        try {
          const buffer = Buffer.alloc(CHUNK_BYTES);
          for (let offset = 0; offset < size; n++) {
            const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, offset);
            if (bytesRead === 0) throw new Error('the upload file is shorter than its size');
            offset += bytesRead;
            await client.query('INSERT INTO blob_chunks (hash, n, data) VALUES ($1, $2, $3)', [
              hash,
              n,
              buffer.subarray(0, bytesRead)
            ]);
          }
        } finally {
          await file.close();
        }
        await client.query('INSERT INTO blob_bytes (hash, size, chunks) VALUES ($1, $2, $3)', [
          hash,
          size,
          n
        ]);
      });
    } finally {
      await unlink(tempFile).catch(() => undefined);
    }
  }

  async addRow(meta: BlobMeta, quotaBytes: number): Promise<PutResult | 'over_quota'> {
    return inTransaction(this.#pool, async (client) => {
      // Uploads to one workspace take turns here, from whichever instance they arrive.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('uzel_blobs'), hashtext($1))", [
        meta.workspaceId
      ]);
      const stored = await client.query<Row>(
        'SELECT * FROM blobs WHERE workspace_id = $1 AND hash = $2',
        [meta.workspaceId, meta.hash]
      );
      if (stored.rows[0]) return { created: false, meta: toMeta(stored.rows[0]) };
      const used = await client.query<{ used: string | null }>(
        'SELECT SUM(size) AS used FROM blobs WHERE workspace_id = $1',
        [meta.workspaceId]
      );
      if (Number(used.rows[0]?.used ?? 0) + meta.size > quotaBytes) return 'over_quota';
      await client.query(
        `INSERT INTO blobs
           (workspace_id, hash, size, declared_type, sniffed_type, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          meta.workspaceId,
          meta.hash,
          meta.size,
          meta.declaredType,
          meta.sniffedType,
          meta.uploadedBy,
          meta.createdAt
        ]
      );
      return { created: true, meta };
    });
  }

  /** One chunk per query, read as the response drains, so memory stays at a chunk or two. */
  read(hash: string): Readable {
    const pool = this.#pool;
    return Readable.from(
      (async function* () {
        const header = await pool.query<{ chunks: number }>(
          'SELECT chunks FROM blob_bytes WHERE hash = $1',
          [hash]
        );
        const chunks = header.rows[0]?.chunks;
        if (chunks === undefined) throw new Error(`no bytes stored for ${hash}`);
        for (let n = 0; n < chunks; n++) {
          const chunk = await pool.query<{ data: Buffer }>(
            'SELECT data FROM blob_chunks WHERE hash = $1 AND n = $2',
            [hash, n]
          );
          if (!chunk.rows[0]) throw new Error(`chunk ${n} of ${hash} is missing`);
          yield chunk.rows[0].data;
        }
      })(),
      { objectMode: false }
    );
  }

  async close(): Promise<void> {}
}
