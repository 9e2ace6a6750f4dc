import { isBlobHash } from '../shared/files/hash.ts';
import type { ArchiveFileSource } from './archive/buildArchive.ts';

/**
 * Exports read a document's files from this device's blob store (`src/lib/files`); these helpers
 * take a reader instead of the store itself, so they run in tests without IndexedDB.
 */
export type BlobReader = (hash: string) => Promise<{ type: string; data: ArrayBuffer } | null>;

/** Types an exported page may embed: the pictures the app itself keeps, never SVG (scripts). */
const EMBEDDED_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * data: URLs for the pictures among `hashes` that are on this device, for `HtmlOptions.imageSrc`.
 * A hash that is not one, a file not here, or a type not in the list gives no entry.
 */
export async function imageSources(
  hashes: Iterable<string>,
  read: BlobReader
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const hash of new Set(hashes)) {
    if (!isBlobHash(hash)) continue;
    const blob = await read(hash);
    if (!blob || !EMBEDDED_TYPES.has(blob.type)) continue;
    out.set(hash, `data:${blob.type};base64,${base64(new Uint8Array(blob.data))}`);
  }
  return out;
}

/** The bytes of the pictures among `hashes` that are on this device, for the Word export. */
export async function imageFiles(
  hashes: Iterable<string>,
  read: BlobReader
): Promise<Map<string, { type: string; bytes: Uint8Array }>> {
  const out = new Map<string, { type: string; bytes: Uint8Array }>();
  for (const hash of new Set(hashes)) {
    if (!isBlobHash(hash)) continue;
    const blob = await read(hash);
    if (blob && blob.type.startsWith('image/'))
      out.set(hash, { type: blob.type, bytes: new Uint8Array(blob.data) });
  }
  return out;
}

/** The archive's `files/`: every file the documents name that this device has. */
export function archiveFileSource(hashes: Iterable<string>, read: BlobReader): ArchiveFileSource {
  return {
    list: async () => {
      const out: { hash: string; type: string; bytes: Uint8Array }[] = [];
      for (const hash of new Set(hashes)) {
        if (!isBlobHash(hash)) continue;
        const blob = await read(hash);
        if (blob) out.push({ hash, type: blob.type, bytes: new Uint8Array(blob.data) });
      }
      return out;
    }
  };
}

function base64(bytes: Uint8Array): string {
  // In slices: String.fromCharCode with a whole photograph's bytes overflows the call stack.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
