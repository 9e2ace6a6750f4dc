/**
 * A colour per name, stable across devices, dark enough for white text on it (carets, avatars).
 * Always `#rrggbb`: the caret plugin (y-tiptap) accepts only hex and draws any other format
 * transparent, which left colleagues' carets and names invisible.
 */
export function colourFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hslToHex(hash % 360, 0.65, 0.38);
}

/** HSL (hue in degrees, saturation and lightness 0..1) as `#rrggbb`. */
export function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
