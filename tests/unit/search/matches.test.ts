import MiniSearch, { type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { keepBest, matchesOf, type Match } from '../../../src/lib/search/matches.ts';
import { SEED_DOCUMENTS } from './fixtures.ts';

const QUERIES: Query[] = [
  'культуры',
  { queries: ['библ'], prefix: true },
  { combineWith: 'AND', queries: [{ queries: ['мастер'] }, { queries: ['клас'], prefix: true }] },
  { combineWith: 'OR', queries: ['станция', { queries: ['библеотека'], fuzzy: 1 }] },
  { combineWith: 'OR', queries: ['в', 'и', 'с', 'на', 'по'] }
];

function index(): MiniSearch {
  const ms = new MiniSearch({ fields: ['title', 'text'], searchOptions: { boost: { title: 3 } } });
  ms.addAll(SEED_DOCUMENTS.map((d) => ({ id: d.id, title: d.title, text: d.text })));
  // A removed document must not come back from the index's leftovers. The first query to meet
  // them drops them, which changes that query's scores a little: run each query once before.
  ms.discard('master');
  for (const q of QUERIES) expect(ms.search(q).map((r) => r.id)).not.toContain('master');
  return ms;
}

/** Best first, ties in the order they came: how `search()` orders its results. */
function ranked(matches: Match[], limit = 1000) {
  const top: Match[] = [];
  for (const m of matches) keepBest(top, m, limit);
  return top.map((m) => ({ id: m.id, score: m.score, terms: Object.keys(m.match).sort() }));
}

const viaSearch = (ms: MiniSearch, q: Query) =>
  ms.search(q).map((r) => ({ id: r.id as string, score: r.score, terms: [...r.terms].sort() }));

describe('matches read from the index', () => {
  it('SR7 are the documents, scores, terms and order MiniSearch search() gives', () => {
    const ms = index();
    for (const q of QUERIES) {
      const expected = viaSearch(ms, q);
      expect(expected.length, JSON.stringify(q)).toBeGreaterThan(0);
      expect(ranked(matchesOf(ms, q)), JSON.stringify(q)).toEqual(expected);
    }
  });

  it('SR7 an index without the internals falls back to search()', () => {
    const ms = index();
    const bare = { search: (q: Query) => ms.search(q) } as unknown as MiniSearch;
    for (const q of QUERIES) expect(ranked(matchesOf(bare, q))).toEqual(viaSearch(ms, q));
  });

  it('SR7 the best few are kept best first, ties in the order they came', () => {
    const m = (id: string, score: number): Match => ({ id, score, match: {} });
    const top: Match[] = [];
    for (const x of [m('a', 1), m('b', 3), m('c', 2), m('d', 3), m('e', 5), m('f', 0)]) {
      keepBest(top, x, 3);
    }
    expect(top.map((x) => x.id)).toEqual(['e', 'b', 'd']);
  });
});
