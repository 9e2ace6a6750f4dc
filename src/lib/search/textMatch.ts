import { analyseQuery, indexTerms, normalise } from './analyser.ts';

/**
 * Whether a short text (a directory record's name, address, contacts) answers a query, with the
 * same Russian analyser as document search: word forms («библиотеки» finds «Библиотека»), ё as е,
 * the word being typed as a prefix, every word of the query needed. A plain substring still
 * matches too, for what is not words (a house number with a letter, part of an e-mail).
 */
export function matchesQuery(query: string, text: string): boolean {
  const q = query.trim();
  if (q === '') return true;
  if (normalise(text).includes(normalise(q))) return true;
  const wanted = analyseQuery(q);
  if (wanted.length === 0) return false;
  const terms = new Set(indexTerms(text));
  const has = (term: string, prefix: boolean) =>
    terms.has(term) || (prefix && [...terms].some((t) => t.startsWith(term)));
  return wanted.every(
    (word) =>
      (word.whole !== null && has(word.whole, word.prefix)) ||
      word.parts.every((part, i) => has(part, word.prefix && i === word.parts.length - 1))
  );
}
