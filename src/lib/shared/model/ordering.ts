import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Sibling order uses fractional-index keys (strings compared by code unit), so moving one
 * document writes one key and two people reordering different documents never conflict.
 * Two people inserting at the same place at once can get the same key: ties sort by id, the
 * same on every peer, and the next local move into that gap re-keys the siblings.
 */

/** Plain code-unit comparison: the same on every peer whatever its locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isValidOrderKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * Keys to write so that `count` new positions sit between `before` and `after` (neighbour keys,
 * null at the ends). Returns null when the neighbours are tied or malformed: the caller re-keys
 * the siblings instead.
 */
export function keysBetween(before: string | null, after: string | null, count = 1) {
  if (before !== null && !isValidOrderKey(before)) return null;
  if (after !== null && !isValidOrderKey(after)) return null;
  if (before !== null && after !== null && compareKeys(before, after) >= 0) return null;
  return generateNKeysBetween(before, after, count);
}

/** Fresh, evenly spread keys for a whole list of siblings, in the order given. */
export function freshKeys(count: number): string[] {
  return generateNKeysBetween(null, null, count);
}
