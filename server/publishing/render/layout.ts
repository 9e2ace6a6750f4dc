import { escapeHtml } from './escape.ts';
import { PUBLIC_CSS_PATH } from './styles.ts';

/** The app's own icon (static/icons), so a bookmark or a tab of the site shows the network's mark. */
export const FAVICON_PATH = '/icons/icon.svg';

export type Shell = {
  title: string;
  /** Extra `<head>` markup, already escaped (meta tags, links, JSON-LD). */
  head?: string;
  /** The site bar's name and link; none for error pages. */
  site?: { title: string; href: string };
  mainClass?: string;
  body: string;
};

/** The HTML document every public page shares: no script, one stylesheet from this site. */
export function shell({ title, head = '', site, mainClass, body }: Shell): string {
  const bar = site
    ? `<header class="site"><a href="${escapeHtml(site.href)}">${escapeHtml(site.title)}</a></header>`
    : '';
  return (
    `<!doctype html><html lang="ru"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title>` +
    `<link rel="stylesheet" href="${PUBLIC_CSS_PATH}">` +
    `<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">${head}</head>` +
    `<body>${bar}<main${mainClass ? ` class="${mainClass}"` : ''}>${body}</main></body></html>`
  );
}

export function goneBody(message: string, catalogue?: string): string {
  return (
    `<div class="gone"><h1>${escapeHtml(message)}</h1>` +
    (catalogue ? `<p><a href="${escapeHtml(catalogue)}">Все материалы</a></p>` : '') +
    `</div>`
  );
}
