import { LINK_SCHEMES } from './allowList.ts';

/**
 * The only link targets a document may carry: web pages, e-mail, and links inside the app.
 * Everything else (javascript:, data:, vbscript:, file:, protocol-relative //host) is refused,
 * whoever wrote it: a person typing, a paste, or a peer writing straight into the Y.Doc.
 */
const ALLOWED_SCHEMES = new Set(LINK_SCHEMES.map((scheme) => `${scheme}:`));

export function isSafeHref(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string') return false;
  // Browsers ignore control characters and surrounding spaces when they parse a URL.
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\u0000-\u001F\u007F\s]+/g, '');
  if (href === '') return false;
  if (href.startsWith('/')) return !href.startsWith('//') && !href.startsWith('/\\');
  if (href.startsWith('#') || href.startsWith('?')) return true;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  return ALLOWED_SCHEMES.has(url.protocol.toLowerCase());
}

/** Adds https:// to a bare address ("example.org/page") the way a person means it. */
export function normaliseHref(raw: string): string {
  const href = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('#'))
    return href;
  return `https://${href}`;
}
