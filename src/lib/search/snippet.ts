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
  let best: Range | null = null;
  let bestRanges: Range[] = [];
  let bestScore = -1;
  if (matched.size > 0) {
    const folded = foldedForProbe(text);
    const terms = [...matched];
    for (const sentence of sentences(text)) {
      // Tokenising every sentence of every hit is most of a query's snippet work: only sentences
      // that may hold a matched term are looked at word by word.
      if (folded !== null && !mayHold(folded, sentence, terms)) continue;
      const inside = rangesIn(text, sentence, matched);
      if (inside.length === 0) continue;
      const distinct = new Set(inside.map(([s, e]) => text.slice(s, e).toLowerCase())).size;
      const score = distinct * 1000 + inside.length;
      if (score > bestScore) {
        best = sentence;
        bestRanges = inside;
        bestScore = score;
      }
    }
  }
  if (!best) {
    // The match was in the title, tags or fields: show the start of the text for context.
    const start = text.search(/\S/);
    if (start < 0) return [];
    return clip(text, [], start, text.length);
  }
  return clip(text, bestRanges, best[0], best[1]);
}

/** The matched words of one sentence of `text` (no word crosses a sentence's end). */
function rangesIn(text: string, [start, end]: Range, matched: ReadonlySet<string>): Range[] {
  const out: Range[] = [];
  for (const word of words(text.slice(start, end))) {
    if (termsOfWord(word.norm).some((term) => matched.has(term))) {
      out.push([start + word.start, start + word.end]);
    }
  }
  return out;
}

const NEEDS_NFC = /[\u0300-\u036f]/;
const HYPHEN = /[-‐‑]/;
const HYPHENS = /[-‐‑]/g;

/**
 * `text` folded as the analyser folds a word (lower case, ё as е), with every character where it
 * was; null when folding would move characters (a decomposed letter, a letter whose lower case is
 * longer), and then every sentence is looked at.
 */
function foldedForProbe(text: string): string | null {
  if (NEEDS_NFC.test(text)) return null;
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return null;
  return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
}

/**
 * Whether a sentence may hold a word with one of `terms`. A Snowball stem is its word with an
 * ending cut off, so a word's term is a substring of the folded sentence; a compound's whole term
 * («мастеркласс») is one once hyphens are dropped. A false "yes" only costs a closer look.
 */
function mayHold(folded: string, [start, end]: Range, terms: string[]): boolean {
  let part = folded.slice(start, end);
  if (HYPHEN.test(part)) part = part.replace(HYPHENS, '');
  for (const term of terms) if (part.includes(term)) return true;
  return false;
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
