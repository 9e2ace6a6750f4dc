import { termsOfWord, words } from './analyser.ts';
import type { Segment } from './types.ts';

/**
 * Highlights as data: a text cut into segments, the matching words marked. The UI renders each
 * segment as text, so nothing in a document can inject markup into the results.
 */

const SNIPPET_LENGTH = 220;

type Range = [start: number, end: number];

/** Where in `text` the words whose index terms are in `matched` are. */
export function matchRanges(text: string, matched: ReadonlySet<string>): Range[] {
  const out: Range[] = [];
  if (matched.size === 0) return out;
  for (const word of words(text)) {
    if (termsOfWord(word.norm).some((term) => matched.has(term))) out.push([word.start, word.end]);
  }
  return out;
}

export function segmentsOf(text: string, ranges: Range[], from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(Math.max(start, at), Math.min(end, to)), match: true });
    at = Math.min(end, to);
  }
  if (at < to) out.push({ text: text.slice(at, to), match: false });
  return out;
}

/** Sentences (and lines) of a text as [start, end) ranges, surrounding spaces excluded. */
function sentences(text: string): Range[] {
  const out: Range[] = [];
  const re = /[^.!?…\n]+[.!?…]*/g;
  for (const m of text.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push([m.index + lead, m.index + lead + body.length]);
  }
  return out;
}

/**
 * The best sentence of `text` for the matched terms (the most distinct matched words, then the
 * most matches, then the earliest), cut to a readable length around its first match.
 */
export function snippet(text: string, matched: ReadonlySet<string>): Segment[] {
  const ranges = matchRanges(text, matched);
  let best: Range | null = null;
  let bestScore = -1;
  for (const sentence of sentences(text)) {
    const inside = ranges.filter(([s, e]) => s >= sentence[0] && e <= sentence[1]);
    if (inside.length === 0) continue;
    const distinct = new Set(inside.map(([s, e]) => text.slice(s, e).toLowerCase())).size;
    const score = distinct * 1000 + inside.length;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  if (!best) {
    // The match was in the title, tags or fields: show the start of the text for context.
    const start = text.search(/\S/);
    if (start < 0) return [];
    return clip(text, [], start, text.length);
  }
  return clip(text, ranges, best[0], best[1]);
}

function clip(text: string, ranges: Range[], start: number, end: number): Segment[] {
  let from = start;
  let to = end;
  if (to - from > SNIPPET_LENGTH) {
    const first = ranges.find(([s]) => s >= start);
    // Some context before the first match, then as much as fits.
    from = first ? Math.max(start, first[0] - 60) : start;
    to = Math.min(end, from + SNIPPET_LENGTH);
    from = wordStart(text, from, start);
    to = wordEnd(text, to, end);
  }
  const segments = segmentsOf(text, ranges, from, to);
  if (from > start && segments.length) segments.unshift({ text: '…', match: false });
  if (to < end) segments.push({ text: '…', match: false });
  return segments;
}

function wordStart(text: string, at: number, min: number): number {
  let i = at;
  while (i > min && /\S/.test(text.charAt(i - 1))) i--;
  return i;
}

function wordEnd(text: string, at: number, max: number): number {
  let i = at;
  while (i < max && /\S/.test(text.charAt(i))) i++;
  return i;
}
