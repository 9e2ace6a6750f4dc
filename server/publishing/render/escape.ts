import { escapeHtml } from '../../../src/lib/shared/richText/escapeHtml.ts';

export { escapeHtml };

/**
 * Characters XML 1.0 forbids (most control characters, lone surrogates, U+FFFE/U+FFFF): a peer
 * can write them into a title, and one of them would make the whole feed unreadable.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(value: string): string {
  return escapeHtml(value.replace(NOT_XML, ''));
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<` (and `>`/`&`) escaped so that no
 * value can close the element or open a comment, and the two line separators JavaScript dislikes.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
