/**
 * The age a material is for, read from the free-text field teachers fill in: «7–12 лет»,
 * «от 10 лет», «5+», «для детей 6 лет», «до 14 лет». Gives an inclusive range, or null when the
 * text names no age; the catalogue's age filter and the JSON-LD `typicalAgeRange` use it.
 */
export type AgeRange = { min: number; max: number };

const MAX_AGE = 120;

export function parseAgeRange(text: string | undefined): AgeRange | null {
  if (!text) return null;
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  const range = /(\d{1,3})\s*(?:-|–|—|до)\s*(\d{1,3})/.exec(t);
  if (range) return bounded(Number(range[1]), Number(range[2]));
  const plus = /(\d{1,3})\s*\+/.exec(t) ?? /(?:от|старше)\s*(\d{1,3})/.exec(t);
  if (plus) return bounded(Number(plus[1]), MAX_AGE);
  const upTo = /(?:до|младше)\s*(\d{1,3})/.exec(t);
  if (upTo) return bounded(0, Number(upTo[1]));
  const single = /(\d{1,3})/.exec(t);
  if (single) return bounded(Number(single[1]), Number(single[1]));
  return null;
}

function bounded(min: number, max: number): AgeRange | null {
  if (min > max || max > MAX_AGE) return null;
  return { min, max };
}

/** schema.org's `typicalAgeRange`: "7-12" or "10-". */
export function typicalAgeRange(range: AgeRange): string {
  return range.max >= MAX_AGE ? `${range.min}-` : `${range.min}-${range.max}`;
}
