import * as Y from 'yjs';
import { z } from 'zod';

/**
 * Index records (institutions, agreements, projects with their tasks, events) as JSON that keeps
 * which values were shared Yjs maps, arrays and texts: restoring then rebuilds the same shapes,
 * so two people can go on editing fields of a restored record independently.
 */
export type Tagged =
  { map: Record<string, Tagged> } | { array: Tagged[] } | { text: string } | { value: unknown };

export const taggedSchema: z.ZodType<Tagged> = z.lazy(() =>
  z.union([
    z.object({ map: z.record(z.string(), taggedSchema) }).strict(),
    z.object({ array: z.array(taggedSchema) }).strict(),
    z.object({ text: z.string() }).strict(),
    z.object({ value: z.unknown() }).strict()
  ])
);

export function encode(value: unknown): Tagged {
  if (value instanceof Y.Map) {
    const map: Record<string, Tagged> = {};
    value.forEach((v, k) => (map[k] = encode(v)));
    return { map };
  }
  if (value instanceof Y.Array) return { array: value.toArray().map(encode) };
  if (value instanceof Y.Text) return { text: value.toString() };
  if (value instanceof Uint8Array || value instanceof Y.AbstractType)
    // Nothing in the index stores binary or XML; such a value would not survive JSON anyway.
    return { value: null };
  return { value: value === undefined ? null : value };
}

export function decode(tagged: Tagged): unknown {
  if ('map' in tagged) {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(tagged.map)) map.set(k, decode(v));
    return map;
  }
  if ('array' in tagged) {
    const array = new Y.Array<unknown>();
    array.push(tagged.array.map(decode));
    return array;
  }
  if ('text' in tagged) return new Y.Text(tagged.text);
  return tagged.value;
}
