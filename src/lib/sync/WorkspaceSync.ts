import type * as Y from 'yjs';
import { LocalRoom } from './localRoom.ts';
import type { RoomMeta, SyncMeta } from './syncMeta.ts';
import {
  SyncRefused,
  SyncUnreachable,
  type BatchRequestEntry,
  type SyncTransport
} from './syncTransport.ts';
import { SyncProgressChannel } from './syncProgressChannel.ts';
import { withTabLock } from './tabLock.ts';
import type { UnsyncedRooms } from './unsyncedRooms.ts';

/** Why the last sync failed; `offline` is not a failure, just a wait for the network. */
export type WorkspaceSyncError = 'unauthorised' | 'forbidden' | 'refused' | 'local' | 'network';

export type WorkspaceSyncState = {
  /** `waiting`: another tab of this device is syncing the workspace; this one waits its turn. */
  phase: 'idle' | 'waiting' | 'checking' | 'syncing';
  /** Rooms exchanged in this run, of `total`. */
  done: number;
  total: number;
  /** What the server reported as stored for the rooms still to fetch (bytes). */
  remainingBytes: number;
  error: WorkspaceSyncError | null;
  /** The server's own sentence for the last refusal, for the details line. */
  errorMessage: string | null;
  lastSyncedAt: number | null;
  /** Doc ids of this workspace with local changes the server has not confirmed. */
  unsynced: readonly string[];
};

/** What one run did: which rooms it exchanged and pushed (the rules' tests look at these). */
export type SyncReport = { exchanged: string[]; pushed: string[]; completed: boolean };

export type WorkspaceSyncOptions = {
  transport: SyncTransport;
  meta: SyncMeta;
  unsynced: UnsyncedRooms;
  /**
   * Rooms this page has open and synced live over the websocket: they are neither read nor
   * written here (the provider does that); their clock is taken as seen.
   */
  isLive?: (docId: string) => boolean;
  /**
   * Told after a room's copy on this device took new content, with that copy (open only during
   * the call): the search index reads it again, its files are fetched for offline use.
   */
  onRoomChanged?: (docId: string, doc: Y.Doc) => void;
  /** Rooms per request, and the server's reported bytes a request aims to stay under. */
  batchRooms?: number;
  batchBytes?: number;
  now?: () => number;
};

const INDEX_DOC = 'index';
/** The state vector of an empty doc: "the server has nothing I know of". */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);
const DEFAULT_BATCH_ROOMS = 32;
const DEFAULT_BATCH_BYTES = 1024 * 1024;

type Planned = { docId: string; bytes: number; push: boolean };

/** A turn of the event loop between rooms, so typing and painting never wait for the sync. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Keeps every document of a workspace on this device, at a cost that grows with what changed.
 * One request asks which rooms changed after the clock this device synced up to; only those, and
 * rooms with local changes the server lacks, are exchanged, in batches over HTTP, the index and
 * the document the person has open first. Each room's copy is written into its own y-indexeddb
 * store, so every document opens offline. Runs in one tab at a time (see `withTabLock`).
 */
export class WorkspaceSync {
  readonly workspaceId: string;
  readonly #options: WorkspaceSyncOptions;
  readonly #listeners = new Set<() => void>();
  readonly #stopUnsynced: () => void;
  #state: WorkspaceSyncState;
  #priority: string | null = null;
  #running: Promise<SyncReport> | null = null;
  #again = false;
  #destroyed = false;
  /** This tab holds the workspace's sync lock: its progress is shared with the other tabs. */
  #holdingLock = false;
  readonly #progress: SyncProgressChannel;

  constructor(workspaceId: string, options: WorkspaceSyncOptions) {
    this.workspaceId = workspaceId;
    this.#options = options;
    this.#state = {
      phase: 'idle',
      done: 0,
      total: 0,
      remainingBytes: 0,
      error: null,
      errorMessage: null,
      lastSyncedAt: null,
      unsynced: options.unsynced.list(workspaceId)
    };
    this.#stopUnsynced = options.unsynced.subscribe(() =>
      this.#set({ unsynced: options.unsynced.list(workspaceId) })
    );
    // Another tab's progress, shown while this one waits for its turn.
    this.#progress = new SyncProgressChannel(workspaceId, (progress) => {
      if (this.#state.phase === 'waiting') this.#set(progress);
    });
  }

  get state(): WorkspaceSyncState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The document the person has open goes first in the next batches. */
  prioritise(docId: string | null): void {
    this.#priority = docId;
  }

  /**
   * Syncs now; asked while a run is going, one more run follows it (changes may have come
   * meanwhile) and both callers get the report of the two together. Never rejects: failures are
   * in `state.error`.
   */
  syncNow(): Promise<SyncReport> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      const total: SyncReport = { exchanged: [], pushed: [], completed: false };
      do {
        this.#again = false;
        const report = await withTabLock(
          `uzel-sync:${this.workspaceId}`,
          async () => {
            this.#holdingLock = true;
            try {
              return await this.#run();
            } finally {
              this.#holdingLock = false;
            }
          },
          () => this.#set({ phase: 'waiting', done: 0, total: 0, remainingBytes: 0 })
        );
        total.exchanged.push(...report.exchanged);
        total.pushed.push(...report.pushed);
        total.completed = report.completed;
      } while (this.#again && total.completed && !this.#destroyed);
      return total;
    })().finally(() => {
      this.#running = null;
      this.#set({ phase: 'idle' });
    });
    return this.#running;
  }

  async #run(): Promise<SyncReport> {
    const report: SyncReport = { exchanged: [], pushed: [], completed: false };
    if (this.#destroyed) return report;
    const { transport, meta } = this.#options;
    this.#set({ phase: 'checking', error: null, errorMessage: null });
    try {
      const since = await meta.since(this.workspaceId);
      const changed = new Map<string, { clock: number; bytes: number }>();
      let cursor = since;
      for (;;) {
        const page = await transport.changes(cursor);
        for (const r of page.rooms) changed.set(r.doc, { clock: r.clock, bytes: r.bytes });
        cursor = page.clock;
        if (!page.more) break;
      }
      const plan = await this.#plan(changed);
      this.#set({
        phase: 'syncing',
        done: 0,
        total: plan.length,
        remainingBytes: plan.reduce((sum, p) => sum + p.bytes, 0)
      });
      // Rooms the server left out of an answer (it bounds its size) go back to the front.
      const queue = [...plan];
      while (queue.length > 0) {
        if (this.#destroyed) return report;
        const batch = this.#nextBatch(queue);
        const answered = await this.#exchange(batch, report);
        const left = batch.filter((p) => !answered.has(p.docId));
        if (left.length === batch.length) {
          throw new SyncRefused('no_answer', 502, 'The server answered none of the documents.');
        }
        queue.unshift(...left);
        const doneBytes = batch.reduce((sum, p) => sum + (answered.has(p.docId) ? p.bytes : 0), 0);
        this.#set({
          done: this.#state.done + answered.size,
          remainingBytes: Math.max(0, this.#state.remainingBytes - doneBytes)
        });
        await yieldToPage();
      }
      // Every room changed up to `cursor` is now here: the next run starts from there.
      await meta.setSince(this.workspaceId, cursor);
      report.completed = true;
      this.#set({ lastSyncedAt: (this.#options.now ?? Date.now)() });
    } catch (error) {
      this.#fail(error);
    }
    return report;
  }

  /** Rooms whose clock moved since this device last had them, plus rooms with local changes. */
  async #plan(changed: Map<string, { clock: number; bytes: number }>): Promise<Planned[]> {
    const { meta, unsynced } = this.#options;
    const isLive = this.#options.isLive ?? (() => false);
    const known = await meta.rooms([...changed.keys()].map((d) => this.#room(d)));
    const plan = new Map<string, Planned>();
    const seenLive = new Map<string, RoomMeta>();
    for (const [docId, server] of changed) {
      const mine = known.get(this.#room(docId));
      if (mine && mine.clock >= server.clock) continue;
      if (isLive(docId)) {
        // The websocket keeps it current; remember the clock so it is not listed again.
        seenLive.set(this.#room(docId), {
          clock: server.clock,
          stateVector: mine?.stateVector ?? EMPTY_STATE_VECTOR
        });
        continue;
      }
      plan.set(docId, { docId, bytes: server.bytes, push: false });
    }
    await meta.setRooms(seenLive);
    for (const docId of unsynced.list(this.workspaceId)) {
      if (isLive(docId)) continue;
      const entry = plan.get(docId) ?? { docId, bytes: 0, push: true };
      entry.push = true;
      plan.set(docId, entry);
    }
    const rank = (p: Planned) => (p.docId === INDEX_DOC ? 0 : p.docId === this.#priority ? 1 : 2);
    return [...plan.values()].sort((a, b) => rank(a) - rank(b));
  }

  /** Takes the next batch off the front of `queue`: up to the room count and reported bytes. */
  #nextBatch(queue: Planned[]): Planned[] {
    const maxRooms = this.#options.batchRooms ?? DEFAULT_BATCH_ROOMS;
    const maxBytes = this.#options.batchBytes ?? DEFAULT_BATCH_BYTES;
    let count = 0;
    let bytes = 0;
    while (count < queue.length && count < maxRooms) {
      const next = queue[count]!;
      if (count > 0 && bytes + next.bytes > maxBytes) break;
      bytes += next.bytes;
      count++;
    }
    return queue.splice(0, count);
  }

  /**
   * Exchanges one batch; returns the doc ids the server answered. A room it left out is not
   * recorded at all (no clock, still unsynced), so it is asked for again; a push it already
   * committed is sent again then, which Yjs applies as a no-op.
   */
  async #exchange(batch: Planned[], report: SyncReport): Promise<Set<string>> {
    const { transport, meta, unsynced } = this.#options;
    const known = await meta.rooms(batch.map((p) => this.#room(p.docId)));
    const rooms: LocalRoom[] = [];
    try {
      const entries: BatchRequestEntry[] = [];
      for (const p of batch) {
        const local = await LocalRoom.open(this.#room(p.docId));
        rooms.push(local);
        const serverState = known.get(this.#room(p.docId))?.stateVector ?? null;
        entries.push({
          docId: p.docId,
          stateVector: local.stateVector(),
          update: p.push ? local.changesFor(serverState) : null
        });
      }
      const answers = await transport.exchange(entries);
      const seen = new Map<string, RoomMeta>();
      const answered = new Set<string>();
      for (const answer of answers) {
        const index = batch.findIndex((p) => p.docId === answer.docId);
        const local = rooms[index];
        if (!local || answered.has(answer.docId)) continue;
        answered.add(answer.docId);
        await local.apply(answer.update);
        // Its clock moved on the server: the copy here has new content (or is what was pushed).
        if (!batch[index]!.push || answer.update.length > 2)
          this.#options.onRoomChanged?.(answer.docId, local.doc);
        seen.set(local.room, { clock: answer.clock, stateVector: answer.stateVector });
        report.exchanged.push(answer.docId);
        if (batch[index]!.push) {
          report.pushed.push(answer.docId);
          unsynced.clear(local.room);
        }
      }
      await meta.setRooms(seen);
      return answered;
    } finally {
      for (const local of rooms) await local.close();
    }
  }

  #fail(error: unknown): void {
    if (error instanceof SyncUnreachable) {
      this.#set({ error: 'network', errorMessage: null });
    } else if (error instanceof SyncRefused) {
      const kind: WorkspaceSyncError =
        error.status === 401
          ? 'unauthorised'
          : error.status === 404 || error.status === 403
            ? 'forbidden'
            : 'refused';
      this.#set({ error: kind, errorMessage: error.message });
    } else {
      // IndexedDB refused (quota, blocked): the copy on this device could not be written.
      this.#set({
        error: 'local',
        errorMessage: error instanceof Error ? error.message : String(error)
      });
    }
  }

  #room(docId: string): string {
    return `${this.workspaceId}/${docId}`;
  }

  #set(patch: Partial<WorkspaceSyncState>): void {
    if (this.#destroyed) return;
    this.#state = { ...this.#state, ...patch };
    if (this.#holdingLock) {
      const { done, total, remainingBytes } = this.#state;
      this.#progress.share({ done, total, remainingBytes });
    }
    for (const listener of this.#listeners) listener();
  }

  destroy(): void {
    this.#destroyed = true;
    this.#progress.close();
    this.#stopUnsynced();
    this.#listeners.clear();
  }
}
