import type { RoomStorage } from '../storage/RoomStorage.ts';
import { workspaceOf } from '../storage/SqliteStorage.ts';

/** Rooms read per query when a workspace's stored size is summed. */
const PAGE = 5000;

/** The workspace's documents together would pass DOC_WORKSPACE_QUOTA_BYTES. */
export class WorkspaceQuotaExceeded extends Error {
  override name = 'WorkspaceQuotaExceeded';
}

/**
 * What one workspace's documents may take in storage together, like the quota for its files.
 * The stored size is read once per workspace (before its first room is used) and then counted
 * up by each accepted update, so the check on the hot path is a lookup; a compaction shrinks
 * what is stored, so the workspace is read again after one.
 */
export class DocumentQuota {
  readonly #storage: RoomStorage;
  readonly #limit: number;
  readonly #used = new Map<string, number>();
  readonly #reading = new Map<string, Promise<void>>();

  constructor(storage: RoomStorage, limitBytes: number) {
    this.#storage = storage;
    this.#limit = limitBytes;
  }

  /** Reads the workspace's stored size unless it is known already. */
  async prepare(room: string): Promise<void> {
    const workspace = workspaceOf(room);
    if (this.#used.has(workspace)) return;
    await this.refresh(workspace);
  }

  refresh(workspace: string): Promise<void> {
    const running = this.#reading.get(workspace);
    if (running) return running;
    const reading = (async () => {
      let total = 0;
      let since = 0;
      for (;;) {
        const rows = await this.#storage.changedRooms(workspace, since, PAGE);
        for (const row of rows) total += row.bytes;
        if (rows.length < PAGE) break;
        since = rows.at(-1)!.clock;
      }
      this.#used.set(workspace, total);
    })().finally(() => this.#reading.delete(workspace));
    this.#reading.set(workspace, reading);
    return reading;
  }

  /** Counts an update about to be stored; throws WorkspaceQuotaExceeded, counting nothing. */
  take(room: string, bytes: number): void {
    const workspace = workspaceOf(room);
    const used = this.#used.get(workspace) ?? 0;
    if (used + bytes > this.#limit) {
      throw new WorkspaceQuotaExceeded(
        `The documents of this workspace would take more than ${this.#limit} bytes.`
      );
    }
    this.#used.set(workspace, used + bytes);
  }

  /** An update counted by `take` was not stored after all. */
  giveBack(room: string, bytes: number): void {
    const workspace = workspaceOf(room);
    const used = this.#used.get(workspace);
    if (used !== undefined) this.#used.set(workspace, Math.max(0, used - bytes));
  }
}
