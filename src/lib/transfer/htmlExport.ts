import { escapeHtml } from '../shared/richText/escapeHtml.ts';
import { renderHtml } from '../shared/richText/renderHtml.ts';
import { fieldRows, type ExportMeta } from './documentFields.ts';
import type { DocLinkResolver, PmNode } from '../shared/richText/pmNode.ts';
import { PRINT_STYLE } from './printStyle.ts';

export type HtmlOptions = {
  title: string;
  docLink?: DocLinkResolver;
  /**
   * Where an image's bytes come from: a data: URL for a hash (see `imageSources`), so the file
   * carries its pictures. Without it, or for a picture not on this device, an image shows its
   * description only.
   */
  imageSrc?: (hash: string) => string | null;
  /** Type, fields and tags: a table under the title, as the public page shows them. */
  meta?: ExportMeta;
};

/** The document's type, fields and tags as a two-column table (label, value). */
export function fieldsTable(meta: ExportMeta): string {
  const rows = fieldRows(meta).map(
    (row) =>
      `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${escapeHtml(row.value)}</td></tr>`
  );
  return `<table class="fields"><tbody>${rows.join('')}</tbody></table>`;
}

/** The document's content as a standalone file shows it: pictures embedded, files left out. */
export function contentToHtml(root: PmNode, options: HtmlOptions): string {
  return renderHtml(root, {
    docLink: options.docLink,
    // Only data: URLs of pictures, made by the app itself, are embedded (CSP img-src data:).
    imageSrc: (hash) => {
      const src = options.imageSrc?.(hash) ?? null;
      return src !== null && src.startsWith('data:') ? src : null;
    },
    describeMissingImages: true,
    linkRel: () => 'noopener noreferrer'
  });
}

/**
 * A whole HTML file: Russian language (for hyphenation), a strict CSP so that nothing in it can
 * run scripts or load anything from the network, and a print style for A4.
 */
export function toHtmlFile(root: PmNode, options: HtmlOptions): string {
  const title = escapeHtml(options.title || 'Без названия');
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${PRINT_STYLE}</style>
</head>
<body>
<article>
<h1>${title}</h1>
${options.meta ? fieldsTable(options.meta) + '\n' : ''}${contentToHtml(root, options)}
</article>
</body>
</html>
`;
}
