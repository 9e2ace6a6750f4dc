/**
 * What a file really is, from its first bytes. Only the types Uzel is willing to serve as
 * themselves are recognised precisely; the rest are named just enough (HTML, SVG, XML) to be
 * refused as active content. A small table of our own rather than a library: the allow-list is
 * short, and every entry here is one we have decided to trust.
 */

export const SNIFF_BYTES = 64 * 1024;

/** Types served with their own Content-Type; everything else goes out as a download. */
export const SERVABLE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/zip',
  'text/plain'
] as const;

export type ServableType = (typeof SERVABLE_TYPES)[number];

const ZIP_FAMILY = new Set<string>([
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text'
]);

export const OCTET_STREAM = 'application/octet-stream';

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const ascii = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** A zip's flavour from the entry names near its start (office files put theirs first). */
function zipFlavour(head: Uint8Array): string {
  const text = ascii(head);
  if (text.includes('mimetypeapplication/vnd.oasis.opendocument.text')) {
    return 'application/vnd.oasis.opendocument.text';
  }
  if (text.includes('[Content_Types].xml') || /word\/|ppt\/|xl\//.test(text)) {
    if (text.includes('word/')) {
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    }
    if (text.includes('ppt/')) {
      return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    }
    if (text.includes('xl/')) {
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    }
  }
  return 'application/zip';
}

/** Text that a browser could take for markup, which must never be served as itself. */
function markupType(text: string): string | null {
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 1024)
    .toLowerCase();
  if (!start.startsWith('<')) return null;
  if (start.includes('<svg')) return 'image/svg+xml';
  if (/^<(!doctype html|html|head|body|script|iframe|div|p|a|img|meta|title|style)\b/.test(start)) {
    return 'text/html';
  }
  if (start.startsWith('<?xml')) return 'application/xml';
  return 'text/html';
}

/** Valid UTF-8 with no control characters besides whitespace: a plain text file. */
function plainText(head: Uint8Array, complete: boolean): string | null {
  // A multi-byte character cut at the end of the head is not an error in the file.
  const slice = complete ? head : head.subarray(0, Math.max(0, head.length - 4));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(slice);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return null;
  return markupType(text) ?? 'text/plain';
}

/**
 * The type of a file from its first bytes (`head`, up to SNIFF_BYTES); `complete` says the head
 * is the whole file. Unknown binary content is `application/octet-stream`.
 */
export function sniffType(head: Uint8Array, complete: boolean): string {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp';
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return zipFlavour(head);
  }
  if (head.length === 0) return 'text/plain';
  return plainText(head, complete) ?? OCTET_STREAM;
}

/** The media type part of a Content-Type header, lower case, or null. */
export function mediaType(header: string | undefined): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : null;
}

/**
 * Whether content of `sniffed` type may be stored under the `declared` type. A claim of a type we
 * serve must be true; a claim of anything else is harmless (it is served as a download anyway).
 */
export function declaredMatches(declared: string | null, sniffed: string): boolean {
  if (declared === null || !isServable(declared)) return true;
  if (declared === sniffed) return true;
  // Office files are zips, and the entry names that tell them apart may lie past the head.
  if (ZIP_FAMILY.has(declared) && ZIP_FAMILY.has(sniffed)) return true;
  return false;
}

export function isServable(type: string): type is ServableType {
  return (SERVABLE_TYPES as readonly string[]).includes(type);
}

/** The Content-Type a stored blob is served with, from its sniffed type only. */
export function servedType(sniffed: string): string {
  if (!isServable(sniffed)) return OCTET_STREAM;
  return sniffed === 'text/plain' ? 'text/plain; charset=utf-8' : sniffed;
}
