import { stemmer } from '@orama/stemmers/russian';

/**
 * Words for the catalogue's search: lower case, ё read as е, Russian endings stemmed (Snowball),
 * so «игрушками» finds «игрушка» and «мастер-классы» finds «мастер-класс». The app's offline
 * search uses the same kind of analyser; the server keeps its own so public pages need no app code.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_TERM = 40;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function normaliseTerm(term: string): string | null {
  const lower = term.toLowerCase().replace(/ё/g, 'е').slice(0, MAX_TERM);
  if (lower.length < 2 && !/\d/.test(lower)) return null;
  return /[а-я]/.test(lower) ? stemmer(lower) : lower;
}
