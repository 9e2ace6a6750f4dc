import MiniSearch from 'minisearch';
import { parseAgeRange } from './age.ts';
import type { Material } from './material.ts';
import { normaliseTerm, tokenize } from './russianAnalyzer.ts';

export type CatalogueQuery = {
  q?: string;
  direction?: string;
  type?: string;
  institution?: string;
  age?: number;
};

type Entry = { id: string; title: string; text: string; fields: string };

/**
 * The full-text index of one site's published materials. Built from the pinned versions (never
 * the live documents), rebuilt when anything is published or taken down; filters are applied to
 * the hits, which keeps the index itself small.
 */
export class CatalogueIndex {
  readonly #search: MiniSearch<Entry>;
  readonly #materials: Map<string, Material>;
  /** Newest first: the order of a catalogue without a search term. */
  readonly #ordered: Material[];

  constructor(materials: Material[]) {
    this.#ordered = materials;
    this.#materials = new Map(materials.map((m) => [m.publication.docId, m]));
    this.#search = new MiniSearch<Entry>({
      fields: ['title', 'text', 'fields'],
      tokenize,
      processTerm: normaliseTerm,
      searchOptions: { boost: { title: 3, fields: 2 }, prefix: true, combineWith: 'AND' }
    });
    this.#search.addAll(
      materials.map((m) => ({
        id: m.publication.docId,
        title: m.pinned.title,
        text: `${m.pinned.summary}\n${m.pinned.text}`,
        fields: Object.values(m.pinned.fields).join('\n')
      }))
    );
  }

  get size(): number {
    return this.#ordered.length;
  }

  get all(): readonly Material[] {
    return this.#ordered;
  }

  query(query: CatalogueQuery): Material[] {
    const q = query.q?.trim() ?? '';
    const candidates = q
      ? this.#search
          .search(q)
          .map((hit) => this.#materials.get(String(hit.id)))
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
