import MiniSearch, { type Options, type Query } from 'minisearch';
import { analyseQuery, indexTerms, type QueryWord } from './analyser.ts';
import { keepBest, matchesOf, type Match } from './matches.ts';
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

/**
 * A word being typed with a stem shorter than this expands as a prefix only in titles, tags and
 * fields; in the text it matches whole words. Two or three letters begin hundreds of the text's
 * words, and scoring all of them on every keystroke is most of a search; the fields are short.
 */
const TEXT_PREFIX_MIN_LENGTH = 4;
const PREFIX_FIELDS = FIELDS.filter((field) => field !== 'text');

function termQuery(term: string, prefix: boolean, fuzzy: boolean): Query {
  const fuzz = fuzzy && term.length >= FUZZY_MIN_LENGTH ? 1 : false;
  if (!prefix || term.length < PREFIX_MIN_LENGTH) {
    return { queries: [term], prefix: false, fuzzy: fuzz };
  }
  if (term.length >= TEXT_PREFIX_MIN_LENGTH) return { queries: [term], prefix: true, fuzzy: fuzz };
  return {
    combineWith: 'OR',
    queries: [
      { queries: [term], prefix: true, fuzzy: fuzz, fields: PREFIX_FIELDS },
      { queries: [term], prefix: false, fuzzy: fuzz, fields: ['text'] }
    ]
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
    const types = query.types?.length ? new Set(query.types) : null;
    const tags = query.tags ?? [];
    const words = analyseQuery(query.text);
    let found: Match[];
    if (words.length === 0) {
      // No words: with a filter, everything it keeps (newest first); without one, nothing.
      if (types === null && tags.length === 0) return emptyResult();
      found = [...this.#docs.values()]
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .map((d) => ({ id: d.id, score: 0, match: NO_TERMS }));
    } else {
      found = matchesOf(this.#index, queryOf(words, false));
      if (found.length < FUZZY_BELOW) found = matchesOf(this.#index, queryOf(words, true));
      // Nothing has every word: documents with some of them are better than an empty page.
      if (found.length === 0 && words.length > 1) {
        found = matchesOf(this.#index, queryOf(words, true, true));
      }
    }

    // Thousands of matches pass through here on a common word: nothing is allocated per match,
    // and only the best `limit` are kept in order.
    const typeCounts = new Map<string, number>();
    const tagCounts = new Map<string, number>();
    const top: Match[] = [];
    let total = 0;
    for (const result of found) {
      const doc = this.#docs.get(result.id);
      if (!doc) continue;
      const typeOk = types === null || types.has(doc.type);
      const tagsOk = tags.length === 0 || hasAll(doc.tags, tags);
      if (tagsOk) typeCounts.set(doc.type, (typeCounts.get(doc.type) ?? 0) + 1);
      if (typeOk) for (const tag of doc.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
      if (typeOk && tagsOk) {
        total++;
        keepBest(top, result, limit);
      }
    }
    return {
      total,
      hits: top.map((r) => this.#hit(r.id, r.score, Object.keys(r.match))),
      typeCounts: Object.fromEntries(typeCounts),
      tagCounts: Object.fromEntries(tagCounts)
    };
  }

  #hit(id: string, score: number, terms: string[]): SearchHit {
    const doc = this.#docs.get(id)!;
    const matched = new Set(terms);
    return {
      id,
      type: doc.type,
      tags: doc.tags,
      title: segmentsOf(doc.title, matchRanges(doc.title, matched)),
      // Only the text: the fields hold labels in both languages («Папка Folder»), for finding.
      snippet: snippet(doc.text, matched),
      score
    };
  }
}

const NO_TERMS = Object.freeze({});

function hasAll(have: readonly string[], wanted: readonly string[]): boolean {
  for (const tag of wanted) if (!have.includes(tag)) return false;
  return true;
}

function emptyResult(): SearchResult {
  return { total: 0, hits: [], typeCounts: {}, tagCounts: {} };
}
