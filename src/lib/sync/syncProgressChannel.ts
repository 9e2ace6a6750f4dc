/** How far the tab that holds a workspace's sync has come (rooms exchanged, bytes left). */
export type SharedProgress = { done: number; total: number; remainingBytes: number };

const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * The background sync runs in one tab at a time (`withTabLock`). This channel lets that tab tell
 * the others how far it has come, so a tab waiting its turn shows the progress instead of only
 * "in another tab". Without BroadcastChannel (old browsers, some tests) it does nothing.
 */
export class SyncProgressChannel {
  readonly #channel: BroadcastChannel | null;

  constructor(workspaceId: string, onProgress: (progress: SharedProgress) => void) {
    this.#channel =
      typeof BroadcastChannel === 'undefined'
        ? null
        : new BroadcastChannel(`uzel-sync-progress:${workspaceId}`);
    if (!this.#channel) return;
    this.#channel.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as Partial<SharedProgress> | null;
      if (!data || !isCount(data.done) || !isCount(data.total) || !isCount(data.remainingBytes))
        return;
      onProgress({ done: data.done, total: data.total, remainingBytes: data.remainingBytes });
    };
  }

  share(progress: SharedProgress): void {
    this.#channel?.postMessage(progress);
  }

  close(): void {
    this.#channel?.close();
  }
}
