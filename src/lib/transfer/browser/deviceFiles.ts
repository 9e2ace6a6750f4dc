import { deviceFiles, ensureBlobsLocal } from '../../files/files.ts';
import type { ArchiveFileSink } from '../archive/restoreArchive.ts';
import type { ImageStore } from '../importFile.ts';
import type { BlobReader } from '../localFiles.ts';

/**
 * The transfer hooks bound to this device's blob store: what an import or a restore brings in is
 * kept here first and queued for upload, like a file inserted in the editor.
 */
export function deviceImageStore(workspaceId: string): ImageStore {
  return {
    put: (bytes, type) =>
      deviceFiles().addImage(workspaceId, new Blob([bytes.slice().buffer], { type }))
  };
}

/** The restore checks each file's hash before it reaches the sink (restoreArchive). */
export function deviceFileSink(workspaceId: string): ArchiveFileSink {
  return { put: (hash, type, bytes) => deviceFiles().addBlob(workspaceId, hash, type, bytes) };
}

/**
 * Reads files for an export, fetching first those this device lacks; offline, the export goes on
 * with what is here (a missing picture shows its description).
 */
export async function deviceBlobReader(
  workspaceId: string,
  hashes: Iterable<string>
): Promise<BlobReader> {
  await ensureBlobsLocal(workspaceId, hashes).catch(() => null);
  return (hash) => deviceFiles().local.get(hash);
}
