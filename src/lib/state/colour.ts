/** A colour per name, stable across devices, dark enough for white text on it (carets, avatars). */
export function colourFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `hsl(${hash % 360} 65% 38%)`;
}
