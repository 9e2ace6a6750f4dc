import { createSubscriber } from 'svelte/reactivity';
import * as documentLabels from '../shared/i18n/features/documentLabels.ts';
import { SearchClient } from '../search/SearchClient.ts';
import type { IndexStatus } from '../search/SearchService.ts';
import type { Workspace } from './workspace.svelte.ts';

// Labels are indexed in both languages, so a type or direction is found by either name.
const labels: Record<string, string>[] = [documentLabels.ru, documentLabels.en];
function labelOf(key: string): string | null {
  const found = labels.map((catalogue) => catalogue[key]).filter(Boolean);
  return found.length ? [...new Set(found)].join(' ') : null;
}

/**
 * The search index of the current workspace: started soon after the workspace opens (or at once
 * by the search page) and kept while it stays open, so searches are instant.
 */
class WorkspaceSearch {
  #client: SearchClient | null = null;
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
    this.#client = new SearchClient(workspace.id, workspace.index, {
      labelOf,
      whenIndexLoaded: workspace.indexLease.doc.whenLoaded
    });
    for (const listener of this.#clientListeners) listener();
    return this.#client;
  }

  /** A document of `workspaceId` changed on this device outside the editor (the background sync). */
  documentChanged(workspaceId: string, docId: string): void {
    if (this.#client?.workspaceId === workspaceId) this.#client.documentChanged(docId);
  }

  /** Reactive progress of the current client (documents still being read). */
  get status(): IndexStatus | null {
    this.#subscribe();
    return this.#client?.status ?? null;
  }

  /**
   * Starts the index once the page is idle, so edits are indexed as they happen and the first
   * search finds the index warm, without competing with the page's first paint.
   */
  startSoon(workspace: Workspace): () => void {
    const start = () => void this.for(workspace);
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(start, { timeout: 3000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(start, 1000);
    return () => clearTimeout(timer);
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
