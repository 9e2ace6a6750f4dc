/** Shapes shared by the search worker, its client on the page and the UI. Plain data only. */

/** What the index needs to know about one document, besides its text. */
export type IndexedMeta = {
  id: string;
  title: string;
  type: string;
  tags: string[];
  /** Structured field values and labels (type, direction…) as one searchable line. */
  fieldText: string;
  updatedAt: number;
};

/** A document as the index holds it: its metadata and the plain text of its content. */
export type IndexedDocument = IndexedMeta & { text: string };

/** A piece of a title or snippet; `match` pieces are the words the query found. */
export type Segment = { text: string; match: boolean };

export type SearchQuery = {
  text: string;
  /** Document types to keep (none: all). */
  types?: string[];
  /** Tags a document must all carry (none: any). */
  tags?: string[];
  limit?: number;
};

export type SearchHit = {
  id: string;
  type: string;
  tags: string[];
  title: Segment[];
  snippet: Segment[];
  score: number;
};

export type SearchResult = {
  /** Matching documents after the filters (hits holds at most `limit` of them). */
  total: number;
  hits: SearchHit[];
  /** Matches per type (with the tag filter applied) and per tag (with the type filter applied). */
  typeCounts: Record<string, number>;
  tagCounts: Record<string, number>;
};
