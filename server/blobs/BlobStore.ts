import { createHash } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { Engine } from '../db/engine.ts';
import { BlobError } from './BlobError.ts';
import type { BlobEngine, BlobMeta, PutResult } from './BlobEngine.ts';
import { PostgresBlobEngine } from './PostgresBlobEngine.ts';
import { declaredMatches, SNIFF_BYTES, sniffType } from './sniff.ts';
import { SqliteBlobEngine } from './SqliteBlobEngine.ts';

export { SHA256_PATTERN } from './hashes.ts';
export { BLOBS_FILE } from './SqliteBlobEngine.ts';
export type { BlobMeta, PutResult } from './BlobEngine.ts';

export type BlobLimits = {
  /** The largest single file, in bytes. */
  maxFileBytes: number;
  /** The sum of one workspace's files, in bytes. */
  quotaBytes: number;
  now?: () => number;
};

/**
 * Files of documents, content-addressed by SHA-256. The bytes are kept once however many
 * workspaces hold them; which workspace may read a hash (and whose quota it counts against) is a
 * row. A workspace gets a row only by sending the bytes itself, so knowing a hash never grants
 * access to someone else's file. Where rows and bytes live is the engine's business.
 */
export class BlobStore {
  readonly #engine: BlobEngine;
  readonly #limits: BlobLimits;
  readonly #now: () => number;

  constructor(engine: BlobEngine, limits: BlobLimits) {
    this.#engine = engine;
    this.#limits = limits;
    this.#now = limits.now ?? Date.now;
  }

  static limitsOf(config: Config): BlobLimits {
    return { maxFileBytes: config.blobMaxFileBytes, quotaBytes: config.blobWorkspaceQuotaBytes };
  }

  /** The SQLite engine in `DATA_DIR`, opened at once (what a server without an engine uses). */
  static inDataDir(config: Config): BlobStore {
    return new BlobStore(
      new SqliteBlobEngine(config.dataDir, config.sqliteSync),
      BlobStore.limitsOf(config)
    );
  }

  get maxFileBytes(): number {
    return this.#limits.maxFileBytes;
  }

  meta(workspaceId: string, hash: string): Promise<BlobMeta | null> {
    return this.#engine.meta(workspaceId, hash);
  }

  usedBytes(workspaceId: string): Promise<number> {
    return this.#engine.usedBytes(workspaceId);
  }

  /** A stored hash's bytes, streamed (never read whole into memory). */
  read(hash: string): Readable {
    return this.#engine.read(hash);
  }

  /**
   * Stores `body` as `hash` for a workspace. The bytes are streamed to a temporary file while
   * hashed and counted, so neither a large file nor a lying client costs more than the bound; the
   * bytes are durable before the row says they exist. `declaredLength` (Content-Length) lets an
   * oversized upload be refused before it is read.
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
    const existing = await this.#engine.meta(workspaceId, hash);
    if (existing) return { created: false, meta: existing };

    const { maxFileBytes, quotaBytes } = this.#limits;
    const remaining = quotaBytes - (await this.#engine.usedBytes(workspaceId));
    const bound = Math.min(maxFileBytes, remaining);
    const refuse = () =>
      maxFileBytes <= remaining
        ? new BlobError('file_too_large', `A file may be at most ${maxFileBytes} bytes.`)
        : new BlobError(
            'workspace_quota_exceeded',
            `The workspace has ${Math.max(0, remaining)} bytes left for files.`
          );
    if (input.declaredLength !== null && input.declaredLength > bound) throw refuse();

    const temp = await this.#engine.tempFile(hash);
    const file = await open(temp, 'wx', 0o600);
    const hasher = createHash('sha256');
    const head: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    let closed = false;
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
      if (hasher.digest('hex') !== hash) {
        throw new BlobError('hash_mismatch', 'The content does not match the hash in the address.');
      }
      const sniffedType = sniffType(
        Buffer.concat(head).subarray(0, SNIFF_BYTES),
        size <= SNIFF_BYTES
      );
      if (!declaredMatches(input.declaredType, sniffedType)) {
        throw new BlobError(
          'type_mismatch',
          `The content is ${sniffedType}, not ${input.declaredType ?? 'what was declared'}.`
        );
      }
      await file.sync();
      await file.close();
      closed = true;
      await this.#engine.keepBytes(hash, temp, size);
      const outcome = await this.#engine.addRow(
        {
          workspaceId,
          hash,
          size,
          declaredType: input.declaredType,
          sniffedType,
          uploadedBy: input.uploadedBy,
          createdAt: this.#now()
        },
        quotaBytes
      );
      if (outcome === 'over_quota') {
        // The bytes may stay (another workspace may hold them); they are not counted here.
        throw new BlobError(
          'workspace_quota_exceeded',
          'The workspace has no space left for files.'
        );
      }
      return outcome;
    } finally {
      if (!closed) await file.close().catch(() => undefined);
      // Kept bytes were moved or copied away; the name is random, so this removes nothing else.
      await unlink(temp).catch(() => undefined);
    }
  }

  close(): Promise<void> {
    return this.#engine.close();
  }
}

/** `dataDir` holds uploads while they are checked, whichever engine keeps them afterwards. */
export async function openBlobStore(
  engine: Engine,
  limits: BlobLimits,
  dataDir: string
): Promise<BlobStore> {
  const blobEngine =
    engine.kind === 'postgres'
      ? await PostgresBlobEngine.open(engine.pool, dataDir)
      : new SqliteBlobEngine(engine.dataDir, engine.synchronous);
  return new BlobStore(blobEngine, limits);
}
