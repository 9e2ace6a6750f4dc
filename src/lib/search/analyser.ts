import { stemmer } from '@orama/stemmers/russian';
import { STOP_WORDS } from './stopWords.ts';

/**
 * The Russian analyser shared by indexing, querying and highlighting, so all three agree on what
 * a word is: lower case, ё folded into е, words split on anything but letters and digits, hyphen
 * compounds kept whole and as parts («мастер-классы» → «мастеркласс», «мастер», «класс»), Snowball
 * stems, function words dropped.
 */

/** Bump when the analysis changes: a persisted index built with another version is rebuilt. */
export const ANALYSER_VERSION = 1;

/** A word of a text: where it is (for highlighting) and its normalised form. */
export type Word = { start: number; end: number; norm: string };

// Letters, combining marks (a decomposed «й») and digits; a hyphen between two of them joins a
// compound. Dashes with spaces around them («мастер – классы») separate words.
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-‐‑][\p{L}\p{M}\p{N}]+)*/gu;
const HYPHEN = /[-‐‑]/;
const CYRILLIC = /[а-я]/;
/** Longer "words" are noise (a pasted hash, a URL fragment); they would only bloat the index. */
const MAX_WORD_LENGTH = 40;

const NEEDS_NFC = /[\u0300-\u036f]/;

export function normalise(text: string): string {
  // Most text is composed already; NFC only where a combining mark shows it may not be.
  const composed = NEEDS_NFC.test(text) ? text.normalize('NFC') : text;
  const lower = composed.toLowerCase();
  return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
}

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    if (raw.length > MAX_WORD_LENGTH * 2) continue;
    out.push({ start: match.index, end: match.index + raw.length, norm: normalise(raw) });
  }
  return out;
}

// Stemming is the hot path of indexing; a workspace repeats its vocabulary, so remember stems.
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

/** The stem of one normalised simple word (no hyphen). Non-Russian words are kept as they are. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed !== undefined) return stemmed;
  stemmed = CYRILLIC.test(word) ? stemmer(word) : word;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, stemmed);
  return stemmed;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The parts of a normalised word: one for a simple word, several for a compound. */
export function partsOf(norm: string): string[] {
  return HYPHEN.test(norm) ? norm.split(HYPHEN).filter(Boolean) : [norm];
}

// Highlighting asks for the terms of every word of a snippet on every search: remember them.
const termsCache = new Map<string, string[]>();

/** Index terms of one normalised word: its stem, or for a compound the whole and each part. */
export function termsOfWord(norm: string): string[] {
  let terms = termsCache.get(norm);
  if (terms) return terms;
  terms = computeTerms(norm);
  if (termsCache.size >= STEM_CACHE_LIMIT) termsCache.clear();
  termsCache.set(norm, terms);
  return terms;
}

function computeTerms(norm: string): string[] {
  if (norm.length > MAX_WORD_LENGTH) return [];
  const parts = partsOf(norm);
  if (parts.length === 1) return isStopWord(norm) ? [] : [stem(norm)];
  const terms = [stem(parts.join(''))];
  for (const part of parts) if (!isStopWord(part)) terms.push(stem(part));
  return terms;
}

/** Every index term of a text, in order (repeats kept: they count as term frequency). */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) out.push(...termsOfWord(word.norm));
  return out;
}

/**
 * One word of a query. A compound matches either its whole form or all of its parts; `prefix`
 * marks the word still being typed (the last one, with no space after it).
 */
export type QueryWord = { whole: string | null; parts: string[]; prefix: boolean };

export function analyseQuery(query: string): QueryWord[] {
  const found = words(query);
  const typing = found.at(-1)?.end === query.length;
  const out: QueryWord[] = [];
  found.forEach((word, i) => {
    const prefix = typing && i === found.length - 1;
    const parts = partsOf(word.norm);
    // A function word is dropped, unless it may be the start of a longer word still being typed.
    const kept = parts.filter((p, j) => (prefix && j === parts.length - 1) || !isStopWord(p));
    if (kept.length === 0 || word.norm.length > MAX_WORD_LENGTH) return;
    out.push({
      whole: parts.length > 1 ? stem(parts.join('')) : null,
      parts: kept.map(stem),
      prefix
    });
  });
  return out;
}
