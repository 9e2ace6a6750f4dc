import { parseAgeRange } from './age.ts';
import type { Material } from './material.ts';

export type CatalogueQuery = {
  q?: string;
  direction?: string;
  type?: string;
  institution?: string;
  age?: number;
};

/** The store's full-text search of one site: matching document ids, best first. */
export type TextSearch = (q: string) => Promise<string[]>;

/**
 * One site's published materials as the catalogue shows them. Built from the pinned versions
 * (never the live documents); words are looked up by the publication store's engine, and the
 * filters are applied to its hits, which keeps the search itself small.
 */
export class CatalogueIndex {
  readonly #search: TextSearch;
  readonly #materials: Map<string, Material>;
  /** Newest first: the order of a catalogue without a search term. */
  readonly #ordered: Material[];

  constructor(materials: Material[], search: TextSearch) {
    this.#ordered = materials;
    this.#materials = new Map(materials.map((m) => [m.publication.docId, m]));
    this.#search = search;
  }

  get size(): number {
    return this.#ordered.length;
  }

  get all(): readonly Material[] {
    return this.#ordered;
  }

  async query(query: CatalogueQuery): Promise<Material[]> {
    const q = query.q?.trim() ?? '';
    // Only materials of this snapshot: one published since is shown once the snapshot moves on.
    const candidates = q
      ? (await this.#search(q))
          .map((docId) => this.#materials.get(docId))
          .filter((m): m is Material => m !== undefined)
      : this.#ordered;
    return candidates.filter((m) => matches(m, query));
  }

  /** Distinct institutions named by published materials, for the filter's choices. */
  institutions(): string[] {
    const names = new Set<string>();
    for (const m of this.#ordered) {
      const name = m.pinned.fields.institution?.trim();
      if (name) names.add(name);
    }
    return [...names].sort(new Intl.Collator('ru').compare);
  }
}

function matches(m: Material, query: CatalogueQuery): boolean {
  const f = m.pinned.fields;
  if (query.type && m.pinned.type !== query.type) return false;
  if (query.direction && f.direction !== query.direction) return false;
  if (query.institution && f.institution?.trim() !== query.institution) return false;
  if (query.age !== undefined) {
    const range = parseAgeRange(f.audienceAge);
    if (!range || query.age < range.min || query.age > range.max) return false;
  }
  return true;
}
