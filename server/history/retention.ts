import type { VersionAuthor, VersionRecord } from './HistoryStore.ts';
import { authorKey } from './versionAuthors.ts';

export type RetentionOptions = {
  /** Every automatic version younger than this is kept. */
  keepAllMs: number;
  /** At most this many automatic versions per document (the oldest go first). */
  maxAuto: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which versions to drop. Named versions are always kept. Automatic ones are all kept while
 * young; older, only the last of each day stays; and there are never more than `maxAuto`. The
 * authors of a dropped version move to the next version kept, so the list still says who wrote
 * what changed between two versions shown.
 */
export function thin(
  versions: readonly VersionRecord[],
  now: number,
  options: RetentionOptions
): { drop: number[]; authorsTo: Map<number, VersionAuthor[]> } {
  const ascending = [...versions].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const dropped = new Set<number>();
  const lastOfDay = new Map<number, number>();
  for (const v of ascending) {
    if (v.kind === 'auto' && now - v.createdAt > options.keepAllMs) {
      lastOfDay.set(Math.floor(v.createdAt / DAY_MS), v.id);
    }
  }
  for (const v of ascending) {
    if (v.kind !== 'auto' || now - v.createdAt <= options.keepAllMs) continue;
    if (lastOfDay.get(Math.floor(v.createdAt / DAY_MS)) !== v.id) dropped.add(v.id);
  }
  const autos = ascending.filter((v) => v.kind === 'auto' && !dropped.has(v.id));
  for (const v of autos.slice(0, Math.max(0, autos.length - options.maxAuto))) dropped.add(v.id);

  const authorsTo = new Map<number, VersionAuthor[]>();
  let carried = new Map<string, VersionAuthor>();
  for (const v of ascending) {
    if (dropped.has(v.id)) {
      for (const a of v.authors) carried.set(authorKey(a), a);
      continue;
    }
    if (carried.size > 0) {
      for (const a of v.authors) carried.set(authorKey(a), a);
      authorsTo.set(v.id, [...carried.values()]);
      carried = new Map();
    }
  }
  // Nothing after the last dropped versions to take their authors: keep the last of them.
  if (carried.size > 0) {
    const last = ascending.filter((v) => dropped.has(v.id)).at(-1)!;
    dropped.delete(last.id);
  }
  return { drop: [...dropped], authorsTo };
}
