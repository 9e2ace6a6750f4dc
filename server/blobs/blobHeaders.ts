import type { BlobMeta } from './BlobStore.ts';
import { OCTET_STREAM, servedType } from './sniff.ts';

/** Whatever a blob holds, it can run nothing: no subresources, no script, a unique origin. */
export const BLOB_CSP = "default-src 'none'; sandbox";

/**
 * The headers every blob goes out with, on the private route and the public one alike. Its type
 * comes from its own bytes; only the allow-list goes out as itself (the rest as a download), with
 * `nosniff` so a browser never guesses otherwise, and sandboxed even then, so an uploaded page or
 * SVG cannot run script on this origin. `cacheControl` is the caller's: who may see it differs.
 */
export function blobHeaders(meta: BlobMeta, cacheControl: string): Record<string, string> {
  const type = servedType(meta.sniffedType);
  return {
    'content-type': type,
    'content-length': String(meta.size),
    'cache-control': cacheControl,
    etag: blobEtag(meta.hash),
    'content-security-policy': BLOB_CSP,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    ...(type === OCTET_STREAM ? { 'content-disposition': 'attachment' } : {})
  };
}

/** The content is named by its hash, so the hash is its entity tag. */
export function blobEtag(hash: string): string {
  return `"${hash}"`;
}
