import type { IndexStatus } from './SearchService.ts';
import type { IndexedMeta, SearchQuery, SearchResult } from './types.ts';

/** Messages between the page (SearchClient) and the search worker. */

export type ToWorker =
  | { kind: 'open'; workspaceId: string }
  /** The complete list of live documents: anything else in the index is dropped. */
  | { kind: 'reconcile'; docs: IndexedMeta[] }
  | { kind: 'update'; docs: IndexedMeta[]; removed: string[] }
  | { kind: 'changed'; ids: string[] }
  | { kind: 'text'; id: string; text: string }
  | { kind: 'search'; requestId: number; query: SearchQuery }
  | { kind: 'flush'; requestId: number };

export type FromWorker =
  | { kind: 'status'; status: IndexStatus }
  | { kind: 'result'; requestId: number; result: SearchResult }
  | { kind: 'flushed'; requestId: number }
  | { kind: 'failed'; requestId: number | null; message: string };
