import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';

/**
 * A document a query matched: its id, its score as MiniSearch's `search()` gives it, and the index
 * terms it matched (keys; the values are the fields), read only for the hits that are shown.
 */
export type Match = { id: string; score: number; match: Readonly<Record<string, unknown>> };

type RawMatch = { score: number; terms: string[]; match: Record<string, unknown> };
/** The parts of MiniSearch 7 that `search()` itself is built on. */
type Internals = {
  executeQuery?: (query: Query) => Map<number, RawMatch>;
  _documentIds?: Map<number, string>;
};

/**
 * Every document `query` matches, unsorted. MiniSearch's `search()` makes a new object for each
 * match (with its terms copied) and sorts them all; on a common word that is thousands of objects
 * per keystroke, and garbage to collect, when the page shows 50. Here the matches are read as the
 * query produced them and scored the same way (`score × distinct query terms matched`); an index
 * without those internals (another MiniSearch version) falls back to `search()`.
 */
export function matchesOf<T>(index: MiniSearch<T>, query: Query): Match[] {
  const internals = index as unknown as Internals;
  const ids = internals._documentIds;
  const out: Match[] = [];
  if (typeof internals.executeQuery !== 'function' || !(ids instanceof Map)) {
    for (const r of index.search(query)) out.push({ id: r.id, score: r.score, match: r.match });
    return out;
  }
  for (const [shortId, { score, terms, match }] of internals.executeQuery.call(index, query)) {
    const id = ids.get(shortId);
    if (id !== undefined) out.push({ id, score: score * (terms.length || 1), match });
  }
  return out;
}

/**
 * Keeps `top` the best `limit` matches, best first, as a stable sort by score would order them:
 * a match scoring the same as one already kept goes after it.
 */
export function keepBest(top: Match[], candidate: Match, limit: number): void {
  if (top.length === limit && top[limit - 1]!.score >= candidate.score) return;
  let at = top.length === limit ? limit - 1 : top.length;
  while (at > 0 && top[at - 1]!.score < candidate.score) at--;
  top.splice(at, 0, candidate);
  if (top.length > limit) top.pop();
}
