import MiniSearch, { type Options, type Query, type SearchOptions } from 'minisearch';
import { analyseQuery, indexTerms, type QueryWord } from './analyser.ts';
import { matchRanges, segmentsOf, snippet } from './snippet.ts';
import type { IndexedDocument, SearchHit, SearchQuery, SearchResult } from './types.ts';

/** Searched fields and how much a match in each counts: a title says most about a document. */
const BOOST = { title: 4, tags: 2.5, fieldText: 1.5, text: 1 } as const;
const FIELDS = Object.keys(BOOST);
/** Typo tolerance costs a walk of the term tree; short words have too many neighbours anyway. */
const FUZZY_MIN_LENGTH = 5;
/**
 * Typos are only looked for when the words as typed find fewer documents than this: a common word
 * would otherwise pull in every neighbour of it and score thousands of documents twice.
 */
const FUZZY_BELOW = 10;
/** A one-letter prefix would expand to a large part of the vocabulary for little use. */
const PREFIX_MIN_LENGTH = 2;
export const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

// The analyser does all the work; MiniSearch gets ready-made terms.
const INDEX_OPTIONS: Options<Indexable> = {
  idField: 'id',
  fields: FIELDS,
  storeFields: [],
  tokenize: (text: string) => indexTerms(text),
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: (text: string) => [text],
    processTerm: (term: string) => term,
    boost: BOOST,
    combineWith: 'AND'
  }
};

type Indexable = { id: string; title: string; tags: string; fieldText: string; text: string };

function termQuery(term: string, prefix: boolean, fuzzy: boolean): Query {
  return {
    queries: [term],
    prefix: prefix && term.length >= PREFIX_MIN_LENGTH,
    fuzzy: fuzzy && term.length >= FUZZY_MIN_LENGTH ? 1 : false
  };
}

function wordQuery(word: QueryWord, fuzzy: boolean): Query {
  const parts = word.parts.map((p, i) =>
    termQuery(p, word.prefix && i === word.parts.length - 1, fuzzy)
  );
  const allParts: Query =
    parts.length === 1 && parts[0] ? parts[0] : { combineWith: 'AND', queries: parts };
  if (!word.whole) return allParts;
  return { combineWith: 'OR', queries: [termQuery(word.whole, word.prefix, fuzzy), allParts] };
}

/** Every word (AND); with `fuzzy`, also near misses; `any`: some of the words (OR). */
function queryOf(words: QueryWord[], fuzzy: boolean, any = false): Query {
  return { combineWith: any ? 'OR' : 'AND', queries: words.map((w) => wordQuery(w, fuzzy)) };
}

/**
 * The full-text index of one workspace: MiniSearch over the Russian analyser, plus the documents'
 * text and metadata for filters and snippets. Plain TypeScript, so it runs in a worker and in Node.
 */
export class SearchEngine {
  #index: MiniSearch<Indexable>;
  readonly #docs = new Map<string, IndexedDocument>();

  constructor(index?: MiniSearch<Indexable>) {
    this.#index = index ?? new MiniSearch<Indexable>(INDEX_OPTIONS);
  }

  /** An engine from `toJSON()` output and the documents it was built from. */
  static load(json: string, docs: Iterable<IndexedDocument>): SearchEngine {
    const engine = new SearchEngine(MiniSearch.loadJSON<Indexable>(json, INDEX_OPTIONS));
    for (const doc of docs) engine.#docs.set(doc.id, doc);
    return engine;
  }

  get size(): number {
    return this.#docs.size;
  }

  get(id: string): IndexedDocument | undefined {
    return this.#docs.get(id);
  }

  documents(): IterableIterator<IndexedDocument> {
    return this.#docs.values();
  }

  /** Adds a document, or replaces the one with the same id. */
  put(doc: IndexedDocument): void {
    const indexable: Indexable = {
      id: doc.id,
      title: doc.title,
      tags: doc.tags.join(' '),
      fieldText: doc.fieldText,
      text: doc.text
    };
    if (this.#docs.has(doc.id)) this.#index.replace(indexable);
    else this.#index.add(indexable);
    this.#docs.set(doc.id, doc);
  }

  remove(id: string): void {
    if (!this.#docs.delete(id)) return;
    this.#index.discard(id);
  }

  toJSON(): string {
    return JSON.stringify(this.#index);
  }

  search(query: SearchQuery): SearchResult {
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    const types = new Set(query.types ?? []);
    const tags = query.tags ?? [];
    const words = analyseQuery(query.text);
    let found: { id: string; score: number; terms: string[] }[];
    if (words.length === 0) {
      // No words: with a filter, everything it keeps (newest first); without one, nothing.
      if (types.size === 0 && tags.length === 0) return emptyResult();
      found = [...this.#docs.values()]
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .map((d) => ({ id: d.id, score: 0, terms: [] }));
    } else {
      found = this.#run(queryOf(words, false));
      if (found.length < FUZZY_BELOW) found = this.#run(queryOf(words, true));
      // Nothing has every word: documents with some of them are better than an empty page.
      if (found.length === 0 && words.length > 1) found = this.#run(queryOf(words, true, true));
    }

    const typeCounts: Record<string, number> = {};
    const tagCounts: Record<string, number> = {};
    const kept: typeof found = [];
    for (const result of found) {
      const doc = this.#docs.get(result.id);
      if (!doc) continue;
      const typeOk = types.size === 0 || types.has(doc.type);
      const tagsOk = tags.every((tag) => doc.tags.includes(tag));
      if (tagsOk) typeCounts[doc.type] = (typeCounts[doc.type] ?? 0) + 1;
      if (typeOk) for (const tag of doc.tags) tagCounts[tag] = (tagCounts[tag] ?? 0) + 1;
      if (typeOk && tagsOk) kept.push(result);
    }
    return {
      total: kept.length,
      hits: kept.slice(0, limit).map((r) => this.#hit(r.id, r.score, r.terms)),
      typeCounts,
      tagCounts
    };
  }

  #run(query: Query): { id: string; score: number; terms: string[] }[] {
    const options: SearchOptions = {};
    return this.#index.search(query, options).map((r) => ({
      id: String(r.id),
      score: r.score,
      terms: r.terms
    }));
  }

  #hit(id: string, score: number, terms: string[]): SearchHit {
    const doc = this.#docs.get(id)!;
    const matched = new Set(terms);
    return {
      id,
      type: doc.type,
      tags: doc.tags,
      title: segmentsOf(doc.title, matchRanges(doc.title, matched)),
      snippet: snippet(doc.text || doc.fieldText, matched),
      score
    };
  }
}

function emptyResult(): SearchResult {
  return { total: 0, hits: [], typeCounts: {}, tagCounts: {} };
}
