import { inbox } from '$lib/state/notifications.svelte.ts';
import { workspaceSearch } from '$lib/state/search.svelte.ts';
import { createSubscriber } from 'svelte/reactivity';
import { blobHashesIn } from '$lib/shared/model/blobRefs.ts';
import { documentRoots, INDEX_DOC_ID, roomName } from '$lib/shared/model/schema.ts';
import { ensureBlobsLocal } from '$lib/files/files.ts';
import { afterOpening } from '$lib/scheduling/afterOpening.ts';
import { isBrowserOnline } from '$lib/sync/connectivity.ts';
import { openDocs } from '$lib/sync/docPool.ts';
import { openSyncMeta, type SyncMeta } from '$lib/sync/syncMeta.ts';
import { httpTransport } from '$lib/sync/syncTransport.ts';
import { localStorageUnsynced } from '$lib/sync/unsyncedRooms.ts';
import { WorkspaceSync, type WorkspaceSyncState } from '$lib/sync/WorkspaceSync.ts';
import { readStorage, type StorageReport } from './storageReport.ts';

/**
 * Between checks while the app stays open: documents other people change are fetched without
 * waiting for a reconnect. One small request when nothing changed.
 */
const RECHECK_MS = 2 * 60_000;

/** Runes over one WorkspaceSync; Yjs-side state is read, never copied into $state. */
class SyncView {
  readonly sync: WorkspaceSync;
  readonly #subscribe: () => void;

  constructor(sync: WorkspaceSync) {
    this.sync = sync;
    this.#subscribe = createSubscriber((update) => sync.subscribe(update));
  }

  get state(): WorkspaceSyncState {
    this.#subscribe();
    return this.sync.state;
  }
}

/**
 * The background sync of the workspace being worked in: started when a workspace opens, run
 * again when the network returns, when the tab comes back to the front, every few minutes and
 * on «Синхронизировать сейчас».
 */
class OfflineSync {
  #view = $state.raw<SyncView | null>(null);
  #storage = $state.raw<StorageReport | null>(null);
  #workspaceId: string | null = null;
  #meta: Promise<SyncMeta> | null = null;
  #cleanups: (() => void)[] = [];

  get state(): WorkspaceSyncState | null {
    return this.#view?.state ?? null;
  }

  /** The browser's quota and persistence, read at start and after each sync. */
  get storage(): StorageReport | null {
    return this.#storage;
  }

  /**
   * Documents with changes only on this device: the count the header shows on every page. The
   * index is bookkeeping, not a document a person knows of: its changes are pushed, not counted.
   */
  get unsentDocuments(): number {
    return this.state?.unsynced.filter((id) => id !== INDEX_DOC_ID).length ?? 0;
  }

  isUnsynced(docId: string): boolean {
    return this.state?.unsynced.includes(docId) ?? false;
  }

  async show(workspaceId: string | null): Promise<void> {
    if (workspaceId === this.#workspaceId) return;
    this.#stop();
    this.#workspaceId = workspaceId;
    if (!workspaceId || typeof window === 'undefined') return;
    this.#meta ??= openSyncMeta();
    let meta: SyncMeta;
    try {
      meta = await this.#meta;
    } catch {
      this.#meta = null;
      return; // No IndexedDB (private mode in some browsers): documents sync only when opened.
    }
    if (this.#workspaceId !== workspaceId) return;
    const sync = new WorkspaceSync(workspaceId, {
      transport: httpTransport(workspaceId),
      meta,
      unsynced: localStorageUnsynced,
      isLive: (docId) => {
        const room = roomName(workspaceId, docId);
        // Open here and connected, or on its first try: its websocket brings it, in slices.
        // Taking it here too would apply the whole room at once, a long task for a large index.
        return openDocs().some(
          (d) =>
            d.room === room &&
            d.state.problem === null &&
            (d.state.connection === 'online' ||
              (d.state.connection === 'connecting' && d.provider.wsUnsuccessfulReconnects === 0))
        );
      },
      onRoomChanged: (docId, doc) => {
        workspaceSearch.documentChanged(workspaceId, docId);
        inbox.documentChanged(workspaceId, docId, doc);
        const files = blobHashesIn(documentRoots.content(doc));
        if (files.length > 0) void ensureBlobsLocal(workspaceId, files).catch(() => undefined);
      }
    });
    this.#view = new SyncView(sync);
    const measure = () =>
      void readStorage().then((report) => {
        if (this.#workspaceId === workspaceId) this.#storage = report;
      });
    const run = () => {
      if (isBrowserOnline()) void sync.syncNow().then(measure);
    };
    measure();
    const onVisible = () => document.visibilityState === 'visible' && run();
    window.addEventListener('online', run);
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(run, RECHECK_MS);
    this.#cleanups.push(
      () => window.removeEventListener('online', run),
      () => document.removeEventListener('visibilitychange', onVisible),
      () => clearInterval(timer),
      () => sync.destroy()
    );
    void afterOpening().then(() => {
      if (this.#workspaceId === workspaceId) run();
    });
  }

  syncNow(): void {
    void this.#view?.sync.syncNow();
  }

  /** The document open on screen goes first. */
  prioritise(docId: string | null): void {
    this.#view?.sync.prioritise(docId);
  }

  #stop(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#view = null;
  }
}

export const offlineSync = new OfflineSync();
