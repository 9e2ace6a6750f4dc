import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { oncePerFrame } from '../scheduling/oncePerFrame.ts';
import { CloseCode } from '../shared/protocol/closeCodes.ts';
import { isBrowserOnline, onConnectivityChange } from './connectivity.ts';
import { LocalPersistence } from './LocalPersistence.ts';
import { compactIfLong, localDbName } from './localRoom.ts';
import { localStorageCount, SaveTracker } from './SaveTracker.ts';
import { createTrackedProvider } from './trackedProvider.ts';
import { PENDING_KEY_PREFIX } from './unsyncedRooms.ts';

/** Close codes the app explains to the person. */
const PROBLEM_BY_CLOSE_CODE: Record<number, SyncProblem> = {
  [CloseCode.messageTooBig.code]: 'tooBig',
  [CloseCode.unauthorised.code]: 'unauthorised',
  [CloseCode.forbidden.code]: 'forbidden',
  [CloseCode.roleChanged.code]: 'roleChanged',
  [CloseCode.storageUnavailable.code]: 'storage',
  [CloseCode.rateLimited.code]: 'rateLimited',
  [CloseCode.tooManyConnections.code]: 'rateLimited'
};

export type Connection = 'offline' | 'connecting' | 'online';
/**
 * Why the server closed the connection, when it did so on purpose. `unauthorised` and
 * `forbidden` stop reconnecting until `reconnect()`; the others retry by themselves.
 */
export type SyncProblem =
  'tooBig' | 'storage' | 'unauthorised' | 'forbidden' | 'roleChanged' | 'rateLimited' | null;

export type SyncState = {
  connection: Connection;
  /** Local changes the server has not confirmed as stored. */
  pending: number;
  /** The copy on this device has been read from IndexedDB. */
  loaded: boolean;
  /** The first exchange with the server finished since the doc was opened. */
  synced: boolean;
  /** Every local change so far is written to IndexedDB. */
  savedLocally: boolean;
  problem: SyncProblem;
};

export type SyncedDocOptions = { relayUrl: string; params?: Record<string, string> };

/**
 * One Y.Doc kept on this device (y-indexeddb) and synced live with the relay (y-websocket).
 * Knows nothing of Svelte: state reaches components through `subscribe`.
 */
export class SyncedDoc {
  readonly room: string;
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly #persistence: LocalPersistence;
  readonly #saves: SaveTracker;
  readonly #listeners = new Set<() => void>();
  /**
   * Listeners hear of changes once per frame, after it is painted: a keystroke changes the state
   * twice (not saved here, one more unsent) and its acknowledgement twice more, and the status
   * they redraw has no place in the frame that shows the letter.
   */
  readonly #notify = oncePerFrame(
    () => {
      for (const listener of this.#listeners) listener();
    },
    { afterPaint: true }
  );
  readonly #localChangeListeners = new Set<() => void>();
  readonly #cleanups: (() => void)[] = [];
  readonly whenLoaded: Promise<void>;
  #state: SyncState;
  #localWrites = 0;
  #checkingLocal = false;
  #destroyed = false;
  /** The copy on this device has been read (or could not be): the provider may connect. */
  #localRead = false;

  constructor(room: string, options: SyncedDocOptions) {
    this.room = room;
    this.#saves = new SaveTracker(localStorageCount(PENDING_KEY_PREFIX + room), () =>
      this.#refresh()
    );
    this.#state = {
      connection: isBrowserOnline() ? 'connecting' : 'offline',
      pending: this.#saves.pending,
      loaded: false,
      synced: false,
      savedLocally: true,
      problem: null
    };

    this.#persistence = new LocalPersistence(localDbName(room), this.doc);
    this.whenLoaded = this.#persistence.whenSynced.then(() => {
      this.#set({ loaded: true });
      // Every edit adds an entry; merge a store that has grown long, once the page is idle.
      void compactIfLong(this.#persistence).catch(() => undefined);
    });

    const tracked = createTrackedProvider(options.relayUrl, room, this.doc, this.#saves, {
      connect: false,
      params: options.params,
      ignoreOrigins: [this.#persistence],
      onLocalChange: () => {
        this.#trackLocalWrite();
        for (const listener of this.#localChangeListeners) listener();
      }
    });
    this.provider = tracked.provider;
    this.#cleanups.push(tracked.dispose);
    this.provider.on('status', ({ status }) => {
      this.#set({
        connection: !isBrowserOnline()
          ? 'offline'
          : status === 'connected'
            ? 'online'
            : 'connecting',
        pending: this.#saves.pending
      });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.#set({ synced: true, problem: null });
    });
    this.provider.on('connection-close', (event) => {
      const problem = event ? PROBLEM_BY_CLOSE_CODE[event.code] : undefined;
      if (problem) this.#set({ problem });
    });
    // A refusal the server means (4400–4499): y-websocket stops retrying until reconnect().
    this.provider.on('closed', () => this.#set({ connection: 'offline' }));

    this.#cleanups.push(
      onConnectivityChange((online) => {
        if (online) {
          this.#set({ connection: 'connecting' });
          if (this.#localRead) this.provider.connect();
        } else {
          this.provider.disconnect();
          this.#set({ connection: 'offline' });
        }
      })
    );
    // Connecting once the copy on this device is read: the first exchange then carries only what
    // either side lacks, instead of the whole stored state sent back to the server as updates.
    const afterLocalRead = () => {
      this.#localRead = true;
      this.#connectIfOnline();
    };
    void this.whenLoaded.then(afterLocalRead, afterLocalRead);
  }

  #connectIfOnline(): void {
    if (!this.#destroyed && isBrowserOnline()) this.provider.connect();
  }

  get state(): SyncState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tries again after a refusal, e.g. once the person has signed in again. */
  reconnect(): void {
    this.#set({ problem: null, connection: isBrowserOnline() ? 'connecting' : 'offline' });
    if (this.#localRead) this.#connectIfOnline();
  }

  /** Calls `listener` after each change made on this device (not received, not loaded). */
  onLocalChange(listener: () => void): () => void {
    this.#localChangeListeners.add(listener);
    return () => this.#localChangeListeners.delete(listener);
  }

  /** Resolves once every change made so far is in IndexedDB. */
  async flushLocal(): Promise<void> {
    await this.whenLoaded;
    await this.#persistence.flush();
  }

  async #written(): Promise<void> {
    await this.whenLoaded;
    await this.#persistence.written();
  }

  /**
   * Marks the copy on this device as behind until IndexedDB has every write. One check runs at a
   * time: edits made meanwhile are covered by the next one, not by a check per keystroke.
   */
  #trackLocalWrite(): void {
    this.#localWrites++;
    if (this.#state.savedLocally) this.#set({ savedLocally: false });
    if (this.#checkingLocal) return;
    this.#checkingLocal = true;
    const check = () => {
      const ticket = this.#localWrites;
      // Wait a tick so the persistence has queued the latest update first; its write is then
      // awaited, not hurried: one IndexedDB transaction per frame, not two per keystroke.
      queueMicrotask(() => {
        void this.#written().then(
          () => {
            if (this.#destroyed) return;
            if (ticket !== this.#localWrites) return check();
            this.#checkingLocal = false;
            this.#set({ savedLocally: true });
          },
          () => {
            // IndexedDB refused the check: stay "not saved here" and try again with the next edit.
            this.#checkingLocal = false;
          }
        );
      });
    };
    check();
  }

  #refresh(): void {
    this.#set({ pending: this.#saves.pending });
  }

  #set(patch: Partial<SyncState>): void {
    if (this.#destroyed) return;
    this.#state = { ...this.#state, ...patch };
    this.#notify.run();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#notify.stop();
    for (const cleanup of this.#cleanups) cleanup();
    this.#listeners.clear();
    this.#localChangeListeners.clear();
    void this.#persistence.destroy();
    this.doc.destroy();
  }
}
