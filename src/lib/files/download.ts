import { blobPath, type BlobTransport } from './blobApi.ts';
import { isBlobHash, sha256Hex } from '../shared/files/hash.ts';
import type { LocalBlob, LocalBlobs } from './LocalBlobs.ts';

/**
 * Fetches one blob from the server into this device, checking that the bytes are the ones the
 * hash names (a proxy or a broken disk cannot slip in something else). Null when the server does
 * not have it (yet) or cannot be reached.
 */
export async function downloadBlob(
  local: LocalBlobs,
  transport: BlobTransport,
  workspaceId: string,
  hash: string
): Promise<LocalBlob | null> {
  if (!isBlobHash(hash)) return null;
  let response: Response;
  try {
    response = await transport.fetch(transport.baseUrl + blobPath(workspaceId, hash));
  } catch {
    return null;
  }
  if (!response.ok) return null;
  const data = await response.arrayBuffer();
  if ((await sha256Hex(data)) !== hash) return null;
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  const blob: LocalBlob = { hash, type, size: data.byteLength, data };
  await local.put(blob);
  return blob;
}

/**
 * Makes the given blobs of a workspace available offline: those not on this device are fetched.
 * Answers which are now here and which could not be fetched (the sync may try those later).
 */
export async function downloadMissing(
  local: LocalBlobs,
  transport: BlobTransport,
  workspaceId: string,
  hashes: Iterable<string>
): Promise<{ local: string[]; missing: string[] }> {
  const here: string[] = [];
  const missing: string[] = [];
  for (const hash of new Set(hashes)) {
    if (!isBlobHash(hash)) continue;
    if ((await local.has(hash)) || (await downloadBlob(local, transport, workspaceId, hash))) {
      here.push(hash);
    } else missing.push(hash);
  }
  return { local: here, missing };
}
