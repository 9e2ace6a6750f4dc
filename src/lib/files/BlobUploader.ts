import { blobPath, isPermanentRefusal, refusalCode, type BlobTransport } from './blobApi.ts';
import type { LocalBlob, LocalBlobs } from './LocalBlobs.ts';

/** What a person sees on an image or card of their own that the server does not have yet. */
export type UploadStatus =
  | { state: 'done' }
  | { state: 'uploading' }
  | { state: 'waiting' }
  | { state: 'failed'; error: string };

export type UploaderOptions = {
  local: LocalBlobs;
  transport: BlobTransport;
  online?: () => boolean;
  now?: () => number;
  /** The wait after a failed attempt doubles from `firstMs` up to `maxMs`. */
  backoff?: { firstMs: number; maxMs: number };
};

type Outcome = { kind: 'done' } | { kind: 'refused'; error: string } | { kind: 'retry' };

const key = (workspaceId: string, hash: string) => `${workspaceId}/${hash}`;

/**
 * Sends the blobs this device owes the server, oldest first, one at a time (a tablet's uplink is
 * narrow). Each upload asks first whether the server already has the file (HEAD) and the PUT is
 * idempotent, so a retry after a lost answer never stores anything twice. A network failure or a
 * busy server waits and tries again with a growing pause; a refusal (too large, quota) stops that
 * file until the person retries it.
 */
export class BlobUploader {
  readonly #local: LocalBlobs;
  readonly #transport: BlobTransport;
  readonly #online: () => boolean;
  readonly #now: () => number;
  readonly #backoff: { firstMs: number; maxMs: number };
  readonly #status = new Map<string, UploadStatus>();
  readonly #listeners = new Set<() => void>();
  #running: Promise<void> | null = null;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #delay: number;
  #destroyed = false;

  constructor(options: UploaderOptions) {
    this.#local = options.local;
    this.#transport = options.transport;
    this.#online = options.online ?? (() => true);
    this.#now = options.now ?? Date.now;
    this.#backoff = options.backoff ?? { firstMs: 1_000, maxMs: 60_000 };
    this.#delay = this.#backoff.firstMs;
  }

  /** Keeps a blob on this device and owes it to a workspace; uploading starts when possible. */
  async add(workspaceId: string, blob: LocalBlob): Promise<void> {
    await this.#local.put(blob, { workspaceId, now: this.#now() });
    this.#set(workspaceId, blob.hash, { state: 'waiting' });
    void this.kick();
  }

  /** The status of a blob of this device; `done` for one that owes nothing. */
  status(workspaceId: string, hash: string): UploadStatus {
    return this.#status.get(key(workspaceId, hash)) ?? { state: 'done' };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tries a refused upload again (the person pressed «Повторить»). */
  async retry(workspaceId: string, hash: string): Promise<void> {
    await this.#local.markFailed(workspaceId, hash, null);
    this.#set(workspaceId, hash, { state: 'waiting' });
    this.#delay = this.#backoff.firstMs;
    await this.kick();
  }

  /**
   * Runs the queue now (the network came back, the app started). Resolves when this pass ends:
   * everything sent, refused, or waiting for a retry.
   */
  kick(): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#listeners.clear();
  }

  async #drain(): Promise<void> {
    do {
      this.#again = false;
      const pending = await this.#local.pending();
      for (const p of pending) {
        if (p.error) this.#set(p.workspaceId, p.hash, { state: 'failed', error: p.error });
      }
      const queue = pending.filter((p) => !p.error);
      if (!this.#online()) {
        for (const p of queue) this.#set(p.workspaceId, p.hash, { state: 'waiting' });
        return;
      }
      for (const p of queue) {
        if (this.#destroyed) return;
        this.#set(p.workspaceId, p.hash, { state: 'uploading' });
        const outcome = await this.#send(p.workspaceId, p.hash);
        if (outcome.kind === 'done') {
          await this.#local.uploaded(p.workspaceId, p.hash);
          this.#set(p.workspaceId, p.hash, { state: 'done' });
          this.#delay = this.#backoff.firstMs;
        } else if (outcome.kind === 'refused') {
          await this.#local.markFailed(p.workspaceId, p.hash, outcome.error);
          this.#set(p.workspaceId, p.hash, { state: 'failed', error: outcome.error });
        } else {
          // The rest would meet the same network: wait, then start over from the oldest.
          for (const q of queue.slice(queue.indexOf(p))) {
            this.#set(q.workspaceId, q.hash, { state: 'waiting' });
          }
          this.#schedule();
          return;
        }
      }
    } while (this.#again);
  }

  #schedule(): void {
    if (this.#destroyed) return;
    const wait = this.#delay;
    this.#delay = Math.min(this.#delay * 2, this.#backoff.maxMs);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.kick();
    }, wait);
  }

  async #send(workspaceId: string, hash: string): Promise<Outcome> {
    const url = this.#transport.baseUrl + blobPath(workspaceId, hash);
    try {
      const head = await this.#transport.fetch(url, { method: 'HEAD' });
      if (head.ok) return { kind: 'done' };
      if (head.status !== 404) return this.#failed(head);
      const blob = await this.#local.get(hash);
      // The bytes went missing from this device (storage cleared): nothing can be sent.
      if (!blob) return { kind: 'refused', error: 'missing_locally' };
      const put = await this.#transport.fetch(url, {
        method: 'PUT',
        headers: { 'content-type': blob.type || 'application/octet-stream' },
        body: blob.data
      });
      if (put.ok) return { kind: 'done' };
      return this.#failed(put);
    } catch {
      return { kind: 'retry' };
    }
  }

  async #failed(response: Response): Promise<Outcome> {
    if (isPermanentRefusal(response.status)) {
      return { kind: 'refused', error: await refusalCode(response) };
    }
    return { kind: 'retry' };
  }

  #set(workspaceId: string, hash: string, status: UploadStatus): void {
    const k = key(workspaceId, hash);
    const before = this.#status.get(k);
    if (before?.state === status.state) return;
    if (status.state === 'done') this.#status.delete(k);
    else this.#status.set(k, status);
    for (const listener of this.#listeners) listener();
  }
}
