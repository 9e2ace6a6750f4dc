import MiniSearch from 'minisearch';
import { normaliseTerm, tokenize } from './russianAnalyzer.ts';
import type { PinnedVersion, Publication } from './types.ts';

/** What of a pinned version the catalogue searches, in three parts weighted differently. */
export type SearchWords = { title: string; fields: string; body: string };

export function searchWords(
  pinned: Pick<PinnedVersion, 'title' | 'fields' | 'summary' | 'text'>
): SearchWords {
  return {
    title: pinned.title,
    fields: Object.values(pinned.fields).join('\n'),
    body: `${pinned.summary}\n${pinned.text}`
  };
}

/** Lower case and ё read as е, on the text and on the query alike (PostgreSQL's stemmer keeps ё). */
export function foldForSearch(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

type Entry = { id: string } & SearchWords;

/**
 * The SQLite engine's search: an in-memory index of one workspace's published versions, Russian
 * endings stemmed (`russianAnalyzer.ts`), every word of the query required, the last one also as
 * a prefix while someone is still typing it.
 */
export class MemoryCatalogueSearch {
  readonly #search: MiniSearch<Entry>;

  constructor(published: readonly Publication[]) {
    this.#search = new MiniSearch<Entry>({
      fields: ['title', 'body', 'fields'],
      tokenize,
      processTerm: normaliseTerm,
      searchOptions: { boost: { title: 3, fields: 2 }, prefix: true, combineWith: 'AND' }
    });
    this.#search.addAll(
      published.filter((p) => p.pinned).map((p) => ({ id: p.docId, ...searchWords(p.pinned!) }))
    );
  }

  search(q: string): string[] {
    return this.#search.search(q).map((hit) => String(hit.id));
  }
}
