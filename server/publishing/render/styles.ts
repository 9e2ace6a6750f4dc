import { createHash } from 'node:crypto';

/**
 * The public pages' only stylesheet, served from this site (`style-src 'self'`: no inline style
 * is allowed). Its address carries a hash of its text, so it can be cached for a year.
 */
export const PUBLIC_CSS = `
:root { color-scheme: light; --ink: #1f2a27; --muted: #5b6763; --accent: #2f5d50; --line: #d9d4c7;
  --paper: #f7f5f0; --card: #fff; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); line-height: 1.6; font-size: 1.0625rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.site { background: var(--accent); color: #fff; padding: .75rem 1rem; }
.site a { color: #fff; text-decoration: none; font-weight: 600; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
.wide { max-width: 64rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: .5rem 0 1rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1.5rem;
  padding: 1rem; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; white-space: pre-line; }
.content { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.25rem; }
.content pre { overflow-x: auto; background: var(--paper); padding: .75rem; }
.content figure { margin: 1rem 0; }
.content img { display: block; max-width: 100%; height: auto; border-radius: .375rem; }
.content .file a::before { content: "📎 "; }
.content blockquote { margin: 0; padding-left: 1rem; border-left: 4px solid var(--line); color: var(--muted); }
.content table { display: block; overflow-x: auto; border-collapse: collapse; margin: 1rem 0; }
.content th, .content td { border: 1px solid var(--line); padding: .35rem .6rem; vertical-align: top; text-align: left; }
.content th { background: var(--paper); }
.content th > p, .content td > p { margin: 0; }
.tasks { list-style: none; padding-left: .25rem; }
.box { display: inline-block; width: 1.2em; }
.colophon { color: var(--muted); font-size: .95rem; margin-top: 1.5rem; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; padding: 1rem;
  background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
.filters label { display: flex; flex-direction: column; font-size: .9rem; color: var(--muted); gap: .25rem; }
.filters input, .filters select, .filters button { font: inherit; min-height: 2.75rem; padding: .25rem .5rem;
  border: 1px solid var(--line); border-radius: .375rem; background: #fff; color: var(--ink); }
.filters .q { flex: 1 1 16rem; }
.filters button { background: var(--accent); color: #fff; border-color: var(--accent); padding: 0 1.25rem; }
.results { list-style: none; padding: 0; }
.results li { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
.results h2 { font-size: 1.2rem; margin: 0 0 .25rem; }
.results p { margin: .25rem 0; }
.tags { color: var(--muted); font-size: .95rem; }
.taglist { display: inline-flex; flex-wrap: wrap; gap: .25rem; }
.taglist span { background: var(--paper); border: 1px solid var(--line); border-radius: 1rem; padding: 0 .6rem; font-size: .9rem; }
.results li::after { content: ""; display: block; clear: both; }
.thumb { float: right; width: 6rem; height: 6rem; object-fit: cover; margin: 0 0 .5rem .75rem; border-radius: .375rem; }
.count { color: var(--muted); }
.gone { padding: 2rem 1rem; }
.embed { margin: 0; padding: .5rem; background: #fff; font-size: 1rem; }
.embed ul { list-style: none; padding: 0; margin: 0; }
.embed li { padding: .4rem 0; border-bottom: 1px solid var(--line); }
.embed .more { display: block; margin-top: .5rem; font-size: .9rem; }
@media (max-width: 30rem) { .meta { grid-template-columns: 1fr; } .meta dd { margin-bottom: .5rem; } h1 { font-size: 1.5rem; } }
@media print {
  body { background: #fff; font-size: 11pt; }
  .site, .noprint, .filters { display: none; }
  main { max-width: none; padding: 0; }
  .content, .meta { border: none; padding: 0; }
  .content a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; color: #555; }
  h1, h2, h3 { break-after: avoid; }
}
`;

const HASH = createHash('sha256').update(PUBLIC_CSS).digest('base64url').slice(0, 12);

/** Under `/p/_/`: `_` is never a workspace's public name. */
export const PUBLIC_CSS_PATH = `/p/_/style-${HASH}.css`;
