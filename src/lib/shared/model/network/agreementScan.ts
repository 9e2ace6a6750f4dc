import { isBlobHash } from '../../files/hash.ts';

/**
 * The signed scan of an agreement, kept like a document's attachment: the bytes in the device's
 * `uzel-blobs` and the upload queue, the record only naming them. It lives in the agreement's
 * `scan` text (older records hold a free-text reference there, which still reads as text).
 */
export type ScanFile = { hash: string; name: string; type: string; size: number };

const PREFIX = 'file:';
const MAX_NAME = 200;

export function encodeScan(file: ScanFile): string {
  const name = file.name.slice(0, MAX_NAME) || 'скан';
  return PREFIX + JSON.stringify([file.hash, file.type.slice(0, 100), file.size, name]);
}

/** The file a scan names, or null for a free-text reference (or anything malformed). */
export function decodeScan(scan: string): ScanFile | null {
  if (!scan.startsWith(PREFIX)) return null;
  try {
    const [hash, type, size, name] = JSON.parse(scan.slice(PREFIX.length)) as unknown[];
    if (!isBlobHash(hash) || typeof type !== 'string' || typeof name !== 'string') return null;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return null;
    return { hash, type, size, name };
  } catch {
    return null;
  }
}
