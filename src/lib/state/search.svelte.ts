import { createSubscriber } from 'svelte/reactivity';
import * as documentLabels from '../shared/i18n/features/documentLabels.ts';
import { afterOpening } from '../scheduling/afterOpening.ts';
import { SearchClient } from '../search/SearchClient.ts';
import type { IndexStatus } from '../search/SearchService.ts';
import { UnindexedDocs } from '../search/UnindexedDocs.ts';
import type { Workspace } from './workspace.svelte.ts';

// Labels are indexed in both languages, so a type or direction is found by either name.
const labels: Record<string, string>[] = [documentLabels.ru, documentLabels.en];
function labelOf(key: string): string | null {
  const found = labels.map((catalogue) => catalogue[key]).filter(Boolean);
  return found.length ? [...new Set(found)].join(' ') : null;
}

/**
 * The search index of the current workspace. Its worker (~34 KB gzip, and the index read from
 * IndexedDB) starts on first use: when the person reaches for the search field, opens the search
 * page, or opens a document (so edits are indexed as they are typed). The home page and the other
 * pages do not pay for it. Once started it stays while the workspace is open, so searches are
 * instant.
 */
class WorkspaceSearch {
  #client: SearchClient | null = null;
  /** Documents the background sync changed before the worker started: read once it does. */
  #notStarted: { workspaceId: string; docs: UnindexedDocs } | null = null;
  readonly #subscribe = createSubscriber((update) => {
    let off = this.#client?.onStatus(update);
    const changed = () => {
      off?.();
      off = this.#client?.onStatus(update);
      update();
    };
    this.#clientListeners.add(changed);
    return () => {
      off?.();
      this.#clientListeners.delete(changed);
    };
  });
  readonly #clientListeners = new Set<() => void>();

  /** The workspace's search client, started if needed. */
  for(workspace: Workspace): SearchClient {
    if (this.#client?.workspaceId === workspace.id) return this.#client;
    this.close();
    this.#notStarted = null;
    this.#client = new SearchClient(workspace.id, workspace.index, {
      labelOf,
      whenIndexLoaded: workspace.indexLease.doc.whenLoaded
    });
    for (const listener of this.#clientListeners) listener();
    return this.#client;
  }

  /** A document of `workspaceId` changed on this device outside the editor (the background sync). */
  documentChanged(workspaceId: string, docId: string): void {
    if (this.#client?.workspaceId === workspaceId) {
      this.#client.documentChanged(docId);
      return;
    }
    // Kept where the client looks at its start (it re-reads what an earlier page left unindexed).
    if (this.#notStarted?.workspaceId !== workspaceId)
      this.#notStarted = { workspaceId, docs: UnindexedDocs.of(workspaceId) };
    this.#notStarted.docs.add(docId);
  }

  /** Reactive progress of the current client (documents still being read). */
  get status(): IndexStatus | null {
    this.#subscribe();
    return this.#client?.status ?? null;
  }

  /**
   * Starts the index once the page is idle (a document's page), so edits are indexed as they
   * happen and a search from there finds the index warm, without competing with the first paint.
   */
  startSoon(workspace: Workspace): () => void {
    let stopped = false;
    const start = () =>
      void afterOpening().then(() => {
        if (!stopped) void this.for(workspace);
      });
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(start, { timeout: 3000 });
      return () => ((stopped = true), cancelIdleCallback(handle));
    }
    const timer = setTimeout(start, 1000);
    return () => ((stopped = true), clearTimeout(timer));
  }

  /** Stops the worker unless it serves `workspaceId` (signing out, switching workspace). */
  keepOnly(workspaceId: string | null): void {
    if (this.#client && this.#client.workspaceId !== workspaceId) this.close();
  }

  close(): void {
    this.#client?.destroy();
    this.#client = null;
    for (const listener of this.#clientListeners) listener();
  }
}

export const workspaceSearch = new WorkspaceSearch();
