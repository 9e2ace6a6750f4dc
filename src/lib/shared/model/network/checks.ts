/**
 * Plain checks for the network's records, written by hand rather than with a schema library:
 * every page that reads a record (the home page's agreements flag among them) would otherwise
 * load ~25 KB gzip of validation code it never runs. Messages are catalogue keys.
 *
 * They keep the order schema validation had: within a field the first failing check names the
 * problem; a value of the wrong type (or outside a fixed choice) is fatal, and then the checks
 * across fields (`across`) do not run, since they would read nonsense.
 */

/** Field id → message key, first problem per field. */
export type FieldErrors = Record<string, string>;

/** A field's first problem, or null. */
export type Problem = { message: string; fatal: boolean } | null;
export type FieldCheck = (value: unknown) => Problem;
type StringCheck = (value: string) => string | null;

/** Shown for a value of the wrong type: forms never send one, a hostile caller might. */
const WRONG_TYPE = 'error.invalid_input';

const fatal = (message: string): Problem => ({ message, fatal: true });
const soft = (message: string | null): Problem => (message ? { message, fatal: false } : null);

function firstOf(value: string, checks: StringCheck[]): string | null {
  for (const check of checks) {
    const message = check(value);
    if (message) return message;
  }
  return null;
}

/** A string, checked as written. */
export function text(...checks: StringCheck[]): FieldCheck {
  return (value) => (typeof value === 'string' ? soft(firstOf(value, checks)) : fatal(WRONG_TYPE));
}

/** A string, checked once surrounding spaces are dropped (what is stored). */
export function trimmed(...checks: StringCheck[]): FieldCheck {
  return (value) =>
    typeof value === 'string' ? soft(firstOf(value.trim(), checks)) : fatal(WRONG_TYPE);
}

export const minLength =
  (min: number, message: string): StringCheck =>
  (value) =>
    value.length < min ? message : null;

export const maxLength =
  (max: number, message: string): StringCheck =>
  (value) =>
    value.length > max ? message : null;

export const must =
  (test: (value: string) => boolean, message: string): StringCheck =>
  (value) =>
    test(value) ? null : message;

/** One of a fixed list; anything else is fatal. */
export function oneOf(values: readonly string[], message: string): FieldCheck {
  return (value) => (typeof value === 'string' && values.includes(value) ? null : fatal(message));
}

export function flag(): FieldCheck {
  return (value) => (typeof value === 'boolean' ? null : fatal(WRONG_TYPE));
}

/**
 * A list whose every item passes `item`; then its length is checked. The first item's problem is
 * the field's; any fatal one makes it fatal.
 */
export function list(
  item: FieldCheck,
  length: { min?: [number, string]; max?: [number, string] } = {}
): FieldCheck {
  return (value) => {
    if (!Array.isArray(value)) return fatal(WRONG_TYPE);
    let first: Problem = null;
    let broken = false;
    for (const entry of value) {
      const problem = item(entry);
      first ??= problem;
      if (problem?.fatal) broken = true;
    }
    if (first) return { message: first.message, fatal: broken };
    if (length.min && value.length < length.min[0]) return soft(length.min[1]);
    if (length.max && value.length > length.max[0]) return soft(length.max[1]);
    return null;
  };
}

/** A problem found across fields, reported on `field`. */
export type CrossProblem = { field: string; message: string };

/** Checks every field of `values` by `fields`, then (if no fatal problem) `across`. */
export function validateFields<V>(
  values: V,
  fields: { readonly [K in keyof V]?: FieldCheck },
  across?: (values: V) => CrossProblem[]
): FieldErrors {
  const errors: FieldErrors = {};
  let broken = false;
  const record = values as Record<string, unknown>;
  for (const [key, check] of Object.entries(fields) as [string, FieldCheck][]) {
    const problem = check(record[key]);
    if (!problem) continue;
    errors[key] = problem.message;
    if (problem.fatal) broken = true;
  }
  if (!broken && across) {
    for (const { field, message } of across(values)) errors[field] ??= message;
  }
  return errors;
}
