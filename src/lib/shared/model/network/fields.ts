import * as Y from 'yjs';
import { isValidId } from '../ids.ts';

/**
 * How one field of a record is stored in its Y.Map and read back. Reading never trusts what a
 * peer wrote: a wrong type, an over-long string or a broken date reads as the safe default.
 *
 * - text: a string, trimmed on write and cut to `max` on read.
 * - date: an ISO calendar date `YYYY-MM-DD`, or '' when unset.
 * - choice: one of `values`; anything else reads as `fallback`.
 * - flag: a boolean, false unless exactly true.
 * - set: a nested Y.Map of key → true, so two people adding members at once both keep theirs.
 *   `values` limits the keys (e.g. directions); without it, keys must be valid record ids.
 * - number: a finite number (timestamps), 0 otherwise.
 */
export type FieldSpec =
  | { kind: 'text'; max: number }
  | { kind: 'date' }
  | { kind: 'choice'; values: readonly string[]; fallback: string }
  | { kind: 'flag' }
  | { kind: 'set'; values?: readonly string[] }
  | { kind: 'number' };

export type FieldSpecs = Record<string, FieldSpec>;

type ValueOf<S extends FieldSpec> = S extends { kind: 'text' | 'date' }
  ? string
  : S extends { kind: 'choice'; values: readonly (infer V)[] }
    ? V
    : S extends { kind: 'flag' }
      ? boolean
      : S extends { kind: 'set'; values: readonly (infer V)[] }
        ? V[]
        : S extends { kind: 'set' }
          ? string[]
          : number;

/** The plain values of a record's fields, as the app reads and forms write them. */
export type ValuesOf<F extends FieldSpecs> = { -readonly [K in keyof F]: ValueOf<F[K]> };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written as `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in local time as `YYYY-MM-DD` (what a date input shows). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `from` to `to`, both ISO dates (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

export function readField(spec: FieldSpec, raw: unknown): unknown {
  switch (spec.kind) {
    case 'text':
      return typeof raw === 'string' ? raw.slice(0, spec.max) : '';
    case 'date':
      return isIsoDate(raw) ? raw : '';
    case 'choice':
      return typeof raw === 'string' && spec.values.includes(raw) ? raw : spec.fallback;
    case 'flag':
      return raw === true;
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : 0;
    case 'set': {
      if (!(raw instanceof Y.Map)) return [];
      const allowed = spec.values;
      const keys = [...(raw as Y.Map<unknown>).keys()];
      return keys.filter((k) => (allowed ? allowed.includes(k) : isValidId(k))).sort();
    }
  }
}

/** Equality of two plain field values (sets compare as sets). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v) => b.includes(v));
  }
  return a === b;
}

/**
 * Writes one field into a record's map, inside the caller's transaction. A set is changed
 * member by member (never replaced) so a concurrent addition by someone else survives.
 */
export function writeField(entry: Y.Map<unknown>, key: string, spec: FieldSpec, value: unknown) {
  if (spec.kind !== 'set') {
    entry.set(key, spec.kind === 'text' && typeof value === 'string' ? value.trim() : value);
    return;
  }
  let members = entry.get(key);
  if (!(members instanceof Y.Map)) {
    members = new Y.Map<unknown>();
    entry.set(key, members);
  }
  const map = members as Y.Map<unknown>;
  const wanted = new Set(value as string[]);
  for (const k of [...map.keys()]) if (!wanted.has(k)) map.delete(k);
  for (const k of wanted) if (map.get(k) !== true) map.set(k, true);
}
