import type { WorkspaceIndex } from '../shared/model/WorkspaceIndex.ts';
import { INDEX_DOC_ID, roomName } from '../shared/model/schema.ts';
import { TaskBudget } from '../scheduling/TaskBudget.ts';
import { openDocs, subscribeOpenDocs } from '../sync/docPool.ts';
import type { SyncedDoc } from '../sync/SyncedDoc.ts';
import { indexedMetaOf, type LabelOf } from './indexedMeta.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import type { IndexStatus } from './SearchService.ts';
import type { IndexedMeta, SearchQuery, SearchResult } from './types.ts';
import { UnindexedDocs } from './UnindexedDocs.ts';

/** The index is touched on every rename and at most every few seconds while typing. */
const META_DEBOUNCE_MS = 300;
/** Typing in an open document re-indexes it once the person pauses. */
const TEXT_DEBOUNCE_MS = 700;
/** Main-thread time for one piece of reading the index before the page gets a turn. */
const TASK_BUDGET_MS = 10;

export type SearchClientOptions = {
  labelOf: LabelOf;
  /** A worker to talk to; by default the bundled search worker. */
  worker?: Worker;
  /**
   * Resolves once the workspace index is read from this device. Until then it looks empty, and
   * catching up against it would drop every saved entry.
   */
  whenIndexLoaded?: Promise<void>;
};

type Waiting = { resolve: (value: never) => void; reject: (error: Error) => void };

/**
 * The page's side of search: starts the worker, keeps it in step with the workspace index and
 * with the documents open on this page, and turns searches into promises.
 */
export class SearchClient {
  readonly workspaceId: string;
  readonly #worker: Worker;
  readonly #index: WorkspaceIndex;
  readonly #labelOf: LabelOf;
  readonly #waiting = new Map<number, Waiting>();
  readonly #statusListeners = new Set<() => void>();
  readonly #cleanups: (() => void)[] = [];
  /** What the worker was last told about each live document, to send only what changed. */
  #sent = new Map<string, string>();
  #status: IndexStatus = { indexed: 0, pending: 0, restored: false, revision: 0 };
  #nextRequest = 1;
  #metaTimer: ReturnType<typeof setTimeout> | null = null;
  /** Entries changed since the worker was last told; read once the first reading is done. */
  readonly #changedEntries = new Set<string>();
  #started = false;
  #destroyed = false;
  readonly #unindexed: UnindexedDocs;

  constructor(workspaceId: string, index: WorkspaceIndex, options: SearchClientOptions) {
    this.workspaceId = workspaceId;
    this.#index = index;
    this.#labelOf = options.labelOf;
    this.#unindexed = UnindexedDocs.of(workspaceId);
    this.#worker =
      options.worker ??
      new Worker(new URL('./search.worker.ts', import.meta.url), {
        type: 'module',
        name: 'uzel-search'
      });
    this.#worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
    this.#worker.onerror = (event) => this.#failAll(event.message || 'the search worker stopped');

    this.#post({ kind: 'open', workspaceId });
    void (options.whenIndexLoaded ?? Promise.resolve()).then(() => this.#start());
  }

  async #start(): Promise<void> {
    if (this.#destroyed) return;
    // Entries changing while the index is read in pieces are caught up on afterwards.
    this.#cleanups.push(
      this.#index.observeEntries((ids) => {
        for (const id of ids) this.#changedEntries.add(id);
        this.#scheduleMetaSync();
      })
    );
    const docs: IndexedMeta[] = [];
    const sent = new Map<string, string>();
    // Read in pieces: 10,000 entries in one go would keep the page busy for a long task.
    const budget = new TaskBudget(TASK_BUDGET_MS);
    for (const id of this.#index.ids()) {
      if (budget.spent) {
        await budget.pause();
        if (this.#destroyed) return;
      }
      const meta = this.#liveMeta(id);
      if (!meta) continue;
      docs.push(meta);
      sent.set(id, JSON.stringify(meta));
    }
    this.#post({ kind: 'reconcile', docs });
    this.#sent = sent;
    this.#started = true;
    if (this.#changedEntries.size) this.#syncMetas();
    // Edits the last page made but whose re-indexing it did not see saved (it was closed first).
    const leftOver = this.#unindexed.ids();
    if (leftOver.length) this.#reindex(leftOver);
    this.#cleanups.push(this.#watchOpenDocs());
    // A tab going to the background may be closed next: write the index now rather than later.
    if (typeof document !== 'undefined') {
      const onHidden = () => {
        if (document.visibilityState === 'hidden') this.flush().catch(() => {});
      };
      document.addEventListener('visibilitychange', onHidden);
      this.#cleanups.push(() => document.removeEventListener('visibilitychange', onHidden));
    }
  }

  get status(): IndexStatus {
    return this.#status;
  }

  /** Calls `listener` when the worker reports progress (documents indexed and still to read). */
  onStatus(listener: () => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.#request((requestId) => ({ kind: 'search', requestId, query }));
  }

  /** A document's text changed in IndexedDB (e.g. it was downloaded): read it again. */
  documentChanged(id: string): void {
    this.#post({ kind: 'changed', ids: [id] });
  }

  /** Resolves once everything sent so far is indexed and saved on this device. */
  flush(): Promise<void> {
    this.#syncMetas();
    return this.#request((requestId) => ({ kind: 'flush', requestId }));
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (this.#metaTimer) clearTimeout(this.#metaTimer);
    for (const cleanup of this.#cleanups) cleanup();
    this.#failAll('search closed');
    this.#worker.terminate();
    this.#statusListeners.clear();
  }

  /** What the worker should know of an entry; null for one deleted or in the bin. */
  #liveMeta(id: string): IndexedMeta | null {
    const meta = this.#index.get(id);
    return meta && meta.deletedAt === null ? indexedMetaOf(meta, this.#labelOf) : null;
  }

  #scheduleMetaSync(): void {
    if (this.#metaTimer) clearTimeout(this.#metaTimer);
    this.#metaTimer = setTimeout(() => this.#syncMetas(), META_DEBOUNCE_MS);
  }

  /** Sends the entries that changed since last time, and the ids that left (deleted). */
  #syncMetas(): void {
    if (this.#metaTimer) clearTimeout(this.#metaTimer);
    this.#metaTimer = null;
    if (this.#destroyed || !this.#started) return;
    const changed: IndexedMeta[] = [];
    const removed: string[] = [];
    for (const id of this.#changedEntries) {
      const meta = this.#liveMeta(id);
      if (!meta) {
        if (this.#sent.delete(id)) removed.push(id);
        continue;
      }
      const key = JSON.stringify(meta);
      if (this.#sent.get(id) === key) continue;
      this.#sent.set(id, key);
      changed.push(meta);
    }
    this.#changedEntries.clear();
    if (changed.length || removed.length) this.#post({ kind: 'update', docs: changed, removed });
  }

  /**
   * Documents open on this page change between the index's "touched" marks (it is touched at
   * most every few seconds): re-index them after each pause, once IndexedDB has the change.
   */
  #watchOpenDocs(): () => void {
    const prefix = roomName(this.workspaceId, '');
    const watched = new Map<SyncedDoc, () => void>();
    const sync = () => {
      const open = new Set(openDocs());
      for (const [doc, stop] of watched) {
        if (open.has(doc)) continue;
        stop();
        watched.delete(doc);
      }
      for (const doc of open) {
        if (watched.has(doc) || !doc.room.startsWith(prefix)) continue;
        const id = doc.room.slice(prefix.length);
        if (id === INDEX_DOC_ID) continue;
        watched.set(doc, this.#watchDoc(doc, id));
      }
    };
    const unsubscribe = subscribeOpenDocs(sync);
    sync();
    return () => {
      unsubscribe();
      for (const stop of watched.values()) stop();
    };
  }

  #watchDoc(doc: SyncedDoc, id: string): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      // Remembered at once (synchronously): the page may close before the index is saved, and
      // the workspace index is not touched for every edit, so nothing else would tell next time.
      this.#unindexed.add(id);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        doc.flushLocal().then(
          () => this.#reindex([id]),
          () => {} // Not stored on this device: nothing new for the index to read.
        );
      }, TEXT_DEBOUNCE_MS);
    };
    doc.doc.on('update', onUpdate);
    return () => {
      if (timer) clearTimeout(timer);
      doc.doc.off('update', onUpdate);
    };
  }

  /** Re-reads documents, and forgets them as unindexed once the index with them is saved. */
  #reindex(ids: string[]): void {
    const marks = ids.map((id) => [id, this.#unindexed.mark(id)] as const);
    this.#post({ kind: 'changed', ids });
    this.flush().then(
      () => {
        for (const [id, mark] of marks) this.#unindexed.settle(id, mark);
      },
      () => {} // Closed or failed: they stay listed and are read again next time.
    );
  }

  #request<T>(build: (requestId: number) => ToWorker): Promise<T> {
    if (this.#destroyed) return Promise.reject(new Error('search closed'));
    const requestId = this.#nextRequest++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(requestId, { resolve: resolve as (value: never) => void, reject });
      this.#post(build(requestId));
    });
  }

  #post(message: ToWorker): void {
    if (!this.#destroyed) this.#worker.postMessage(message);
  }

  #receive(message: FromWorker): void {
    switch (message.kind) {
      case 'status':
        this.#status = message.status;
        for (const listener of this.#statusListeners) listener();
        return;
      case 'result':
        return this.#settle(message.requestId, (w) => w.resolve(message.result as never));
      case 'flushed':
        return this.#settle(message.requestId, (w) => w.resolve(undefined as never));
      case 'failed':
        if (message.requestId === null) return;
        return this.#settle(message.requestId, (w) => w.reject(new Error(message.message)));
    }
  }

  #settle(requestId: number, settle: (waiting: Waiting) => void): void {
    const waiting = this.#waiting.get(requestId);
    if (!waiting) return;
    this.#waiting.delete(requestId);
    settle(waiting);
  }

  #failAll(message: string): void {
    for (const waiting of this.#waiting.values()) waiting.reject(new Error(message));
    this.#waiting.clear();
  }
}
