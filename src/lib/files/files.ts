import { isBrowserOnline, onConnectivityChange } from '../sync/connectivity.ts';
import { browserTransport } from './blobApi.ts';
import { BlobUploader, type UploadStatus } from './BlobUploader.ts';
import { downloadBlob, downloadMissing } from './download.ts';
import { sha256Hex } from '../shared/files/hash.ts';
import { LocalBlobs } from './LocalBlobs.ts';
import { prepareImage } from './resizeImage.ts';

/** What the editor inserts for one file the person picked, dropped or pasted. */
export type AddedFile =
  | { kind: 'image'; hash: string; alt: string; width: number; height: number }
  | { kind: 'attachment'; hash: string; name: string; size: number; type: string };

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The device's files for the app: one blob database and one upload queue per tab, started on
 * first use and woken when the network comes back.
 */
class Files {
  readonly local = new LocalBlobs();
  readonly transport = browserTransport();
  readonly uploader = new BlobUploader({
    local: this.local,
    transport: this.transport,
    online: isBrowserOnline
  });
  readonly #urls = new Map<string, string>();

  constructor() {
    onConnectivityChange((online) => {
      if (online) void this.uploader.kick();
    });
    // Uploads owed from an earlier visit.
    void this.uploader.kick();
  }

  /**
   * Keeps a picture (resized when large) on this device and queues its upload; null when it is
   * not a picture the browser can decode, or not of a type documents show.
   */
  async addImage(
    workspaceId: string,
    file: Blob
  ): Promise<{ hash: string; width: number; height: number } | null> {
    if (!IMAGE_TYPES.has(file.type)) return null;
    try {
      const image = await prepareImage(file);
      const hash = await sha256Hex(image.data);
      await this.uploader.add(workspaceId, {
        hash,
        type: image.type,
        size: image.data.byteLength,
        data: image.data
      });
      return { hash, width: image.width, height: image.height };
    } catch {
      return null;
    }
  }

  /** Keeps bytes already named by their hash (a restored archive) and queues their upload. */
  async addBlob(workspaceId: string, hash: string, type: string, bytes: Uint8Array): Promise<void> {
    const data = bytes.slice().buffer as ArrayBuffer;
    await this.uploader.add(workspaceId, { hash, type, size: data.byteLength, data });
  }

  async add(workspaceId: string, file: File): Promise<AddedFile> {
    // Not an image the browser can decode: it is kept as a file instead.
    const image = await this.addImage(workspaceId, file);
    if (image) return { kind: 'image', alt: '', ...image };
    const data = await file.arrayBuffer();
    const hash = await sha256Hex(data);
    const type = file.type || 'application/octet-stream';
    await this.uploader.add(workspaceId, { hash, type, size: data.byteLength, data });
    return { kind: 'attachment', hash, name: file.name || 'файл', size: data.byteLength, type };
  }

  /** An object URL for a blob: from this device, else fetched (and kept) from the server. */
  async url(workspaceId: string, hash: string): Promise<string | null> {
    const known = this.#urls.get(hash);
    if (known) return known;
    const blob =
      (await this.local.get(hash)) ??
      (await downloadBlob(this.local, this.transport, workspaceId, hash));
    if (!blob) return null;
    const url = URL.createObjectURL(new Blob([blob.data], { type: blob.type }));
    this.#urls.set(hash, url);
    return url;
  }

  status(workspaceId: string, hash: string): UploadStatus {
    return this.uploader.status(workspaceId, hash);
  }
}

let files: Files | null = null;

/** The app's files (browser only). */
export function deviceFiles(): Files {
  files ??= new Files();
  return files;
}

/**
 * Makes a workspace's blobs available offline, fetching those this device lacks; the workspace
 * sync calls it with the hashes its documents name.
 */
export function ensureBlobsLocal(
  workspaceId: string,
  hashes: Iterable<string>
): Promise<{ local: string[]; missing: string[] }> {
  const f = deviceFiles();
  return downloadMissing(f.local, f.transport, workspaceId, hashes);
}
