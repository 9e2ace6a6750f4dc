import type { Readable } from 'node:stream';

export type BlobMeta = {
  workspaceId: string;
  hash: string;
  size: number;
  declaredType: string | null;
  sniffedType: string;
  uploadedBy: string;
  createdAt: number;
};

export type PutResult = { created: boolean; meta: BlobMeta };

/**
 * Where file metadata and bytes are kept; `BlobStore` holds every rule (hash, size, quota, type)
 * and asks an engine only to store and read. SQLite keeps rows in `blobs.sqlite` and bytes on the
 * local disk; PostgreSQL keeps both in the shared database, so every instance serves every file.
 */
export interface BlobEngine {
  meta(workspaceId: string, hash: string): Promise<BlobMeta | null>;
  usedBytes(workspaceId: string): Promise<number>;
  /** Where an upload is streamed before it is checked: a new, private, not yet existing path. */
  tempFile(hash: string): Promise<string>;
  /**
   * Makes a checked temporary file the bytes of `hash`, durably, and removes the temporary file.
   * Bytes already stored under the hash (another workspace sent them) are kept as they are.
   */
  keepBytes(hash: string, tempFile: string, size: number): Promise<void>;
  /**
   * Adds the workspace's row unless it exists, checking the quota in the same transaction:
   * uploads that streamed side by side each saw the quota before the other was counted.
   */
  addRow(meta: BlobMeta, quotaBytes: number): Promise<PutResult | 'over_quota'>;
  /** The stored bytes of `hash`, streamed. */
  read(hash: string): Readable;
  close(): Promise<void>;
}
