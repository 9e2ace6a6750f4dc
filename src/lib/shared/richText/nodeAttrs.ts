import { attrOf, type PmNode } from './pmNode.ts';

/**
 * Attributes of an untrusted node read as what they should be, or as nothing: the text of a
 * description or a name without control characters and bounded, a size as the editor reads it.
 */
export function textAttr(node: PmNode, name: string, max: number): string {
  const raw = attrOf(node, name);
  // Control characters have no place in what is shown (nor in a name a file is saved under).
  // eslint-disable-next-line no-control-regex
  return typeof raw === 'string' ? raw.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, max) : '';
}

/** As the editor reads a size: a number (or its digits), at least 1, below 100 000, rounded. */
export function sizeAttr(node: PmNode, name: string): number | null {
  const raw = attrOf(node, name);
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^\d{1,6}(\.\d{1,6})?$/.test(raw)
        ? Number(raw)
        : NaN;
  return Number.isFinite(n) && n >= 1 && n < 100_000 ? Math.round(n) : null;
}
