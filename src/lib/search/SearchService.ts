import { IndexStore } from './IndexStore.ts';
import { plainTextOf } from './plainText.ts';
import { SearchEngine } from './SearchEngine.ts';
import { readStoredDoc } from './storedDocs.ts';
import type { IndexedDocument, IndexedMeta, SearchQuery, SearchResult } from './types.ts';

export type SearchServiceOptions = {
  idb: IDBFactory;
  workspaceId: string;
  /** Quiet time after the last change before the index is written to IndexedDB. */
  saveDelayMs?: number;
};

export type IndexStatus = {
  indexed: number;
  /** Documents waiting to be read. */
  pending: number;
  /** The saved index was loaded (not rebuilt). */
  restored: boolean;
  /** Counts changes to the index, so a page showing results knows to ask again. */
  revision: number;
};

/** Documents read from IndexedDB at once while catching up: enough to overlap the waits. */
const READ_CONCURRENCY = 8;
/** During a long catch-up, save at least this often, so a closed tab keeps most of the work. */
const SAVE_MAX_WAIT_MS = 10_000;

/**
 * What the search worker does: holds the engine, catches it up with the workspace index (only
 * documents that are new, changed or gone since the saved copy), reads their text from the
 * documents y-indexeddb keeps, and writes the index back after changes settle.
 */
export class SearchService {
  readonly #store: IndexStore;
  readonly #engine: SearchEngine;
  readonly #idb: IDBFactory;
  readonly #workspaceId: string;
  readonly #saveDelayMs: number;
  readonly #restored: boolean;
  /** Changes since the last save, by id; null means removed. */
  readonly #dirty = new Map<string, IndexedDocument | null>();
  #queue: Promise<void> = Promise.resolve();
  #pending = 0;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #firstDirtyAt = 0;
  #saving: Promise<void> = Promise.resolve();
  #closed = false;
  #revision = 0;

  private constructor(
    options: SearchServiceOptions,
    store: IndexStore,
    engine: SearchEngine,
    restored: boolean
  ) {
    this.#idb = options.idb;
    this.#workspaceId = options.workspaceId;
    this.#saveDelayMs = options.saveDelayMs ?? 1000;
    this.#store = store;
    this.#engine = engine;
    this.#restored = restored;
  }

  static async open(options: SearchServiceOptions): Promise<SearchService> {
    const store = await IndexStore.open(options.idb, options.workspaceId);
    let saved = null;
    try {
      saved = await store.load();
    } catch {
      // An unreadable copy is only a cache: start over from the documents.
    }
    let engine: SearchEngine | null = null;
    if (saved) {
      try {
        engine = SearchEngine.load(saved.json, saved.docs);
      } catch {
        engine = null;
      }
    }
    if (!engine) await store.clear();
    return new SearchService(options, store, engine ?? new SearchEngine(), engine !== null);
  }

  get status(): IndexStatus {
    return {
      indexed: this.#engine.size,
      pending: this.#pending,
      restored: this.#restored,
      revision: this.#revision
    };
  }

  search(query: SearchQuery): SearchResult {
    return this.#engine.search(query);
  }

  /**
   * Brings the index in line with the complete list of live documents: reads the text of new and
   * changed ones, re-labels those whose metadata alone changed, drops the ones not listed.
   */
  reconcile(live: IndexedMeta[]): Promise<void> {
    const listed = new Set(live.map((m) => m.id));
    const gone = [...this.#engine.documents()].filter((d) => !listed.has(d.id)).map((d) => d.id);
    return this.update(live, gone);
  }

  /** Applies changed metadata and removals; unchanged entries cost nothing. */
  update(metas: IndexedMeta[], removed: string[] = []): Promise<void> {
    return this.#enqueue(async () => {
      for (const id of removed) this.#remove(id);
      const toRead: IndexedMeta[] = [];
      for (const meta of metas) {
        const current = this.#engine.get(meta.id);
        if (!current || current.updatedAt !== meta.updatedAt) toRead.push(meta);
        else if (!sameMeta(current, meta)) this.#put({ ...meta, text: current.text });
      }
      await this.#readAll(toRead);
    });
  }

  /** The text of a document changed on this device (it is open here, or was just downloaded). */
  documentChanged(ids: string[]): Promise<void> {
    return this.#enqueue(() =>
      this.#readAll(ids.map((id) => this.#engine.get(id)).filter((d) => d !== undefined))
    );
  }

  /** The live text of an open document, sent by the page so it need not wait for IndexedDB. */
  setText(id: string, text: string): Promise<void> {
    return this.#enqueue(async () => {
      const current = this.#engine.get(id);
      if (current && current.text !== text) this.#put({ ...current, text });
    });
  }

  /** Writes pending changes now (tests, and before the worker is closed). */
  async flush(): Promise<void> {
    await this.#queue;
    await this.#save();
  }

  close(): void {
    this.#closed = true;
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#store.close();
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #readAll(metas: IndexedMeta[]): Promise<void> {
    this.#pending += metas.length;
    let next = 0;
    const worker = async () => {
      while (next < metas.length && !this.#closed) {
        const meta = metas[next++];
        if (!meta) break;
        const text = await this.#readText(meta.id);
        this.#put({ ...toMeta(meta), text });
        this.#pending--;
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    this.#pending = Math.max(0, this.#pending);
  }

  async #readText(id: string): Promise<string> {
    try {
      const doc = await readStoredDoc(this.#idb, this.#workspaceId, id);
      if (!doc) return '';
      const text = plainTextOf(doc);
      doc.destroy();
      return text;
    } catch {
      // A document this device cannot read is still findable by its title and fields.
      return '';
    }
  }

  #put(doc: IndexedDocument): void {
    this.#engine.put(doc);
    this.#markDirty(doc.id, doc);
  }

  #remove(id: string): void {
    if (!this.#engine.get(id)) return;
    this.#engine.remove(id);
    this.#markDirty(id, null);
  }

  #markDirty(id: string, doc: IndexedDocument | null): void {
    this.#revision++;
    if (this.#dirty.size === 0) this.#firstDirtyAt = Date.now();
    this.#dirty.set(id, doc);
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    const waited = Date.now() - this.#firstDirtyAt;
    const delay = Math.max(0, Math.min(this.#saveDelayMs, SAVE_MAX_WAIT_MS - waited));
    this.#saveTimer = setTimeout(() => void this.#save(), delay);
  }

  #save(): Promise<void> {
    this.#saving = this.#saving.then(async () => {
      if (this.#saveTimer) clearTimeout(this.#saveTimer);
      this.#saveTimer = null;
      if (this.#dirty.size === 0 || this.#closed) return;
      const changes = [...this.#dirty];
      this.#dirty.clear();
      const put = changes.flatMap(([, doc]) => (doc ? [doc] : []));
      const removed = changes.filter(([, doc]) => !doc).map(([id]) => id);
      try {
        await this.#store.save(this.#engine.toJSON(), put, removed);
      } catch {
        // Not saved (storage full, tab closing): keep them for the next save.
        for (const [id, doc] of changes) if (!this.#dirty.has(id)) this.#dirty.set(id, doc);
      }
    });
    return this.#saving;
  }
}

function toMeta(meta: IndexedMeta): IndexedMeta {
  const { id, title, type, tags, fieldText, updatedAt } = meta;
  return { id, title, type, tags, fieldText, updatedAt };
}

function sameMeta(a: IndexedMeta, b: IndexedMeta): boolean {
  return (
    a.title === b.title &&
    a.type === b.type &&
    a.fieldText === b.fieldText &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}
