import { isSafeHref } from '../editor/safeHref.ts';
import { isBlobHash } from '../files/hash.ts';
import {
  attrOf,
  childrenOf,
  intAttr,
  marksOf,
  MAX_DEPTH,
  typeOf,
  type DocLinkResolver,
  type PmNode
} from './pmNode.ts';
import { PRINT_STYLE } from './printStyle.ts';

/**
 * Renders a document's ProseMirror JSON as a standalone HTML file with an allow-list: each node
 * and mark type maps to fixed markup, attributes are read one by one and checked, text is
 * escaped, unknown nodes keep only their text. The result is safe to open from a disk.
 */
export type HtmlOptions = {
  title: string;
  docLink?: DocLinkResolver;
  /**
   * Where an image's bytes come from: a data: URL for a hash (see `imageSources`), so the file
   * carries its pictures. Without it, or for a picture not on this device, an image shows its
   * description only.
   */
  imageSrc?: (hash: string) => string | null;
};

const BLOCKS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  listItem: 'li'
};

const MARKS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  underline: 'u',
  code: 'code'
};

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  );
}

export function contentToHtml(root: PmNode, options: HtmlOptions): string {
  const out: string[] = [];
  const render = (node: PmNode, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const inner = () => {
      for (const child of childrenOf(node)) render(child, depth + 1);
    };
    const wrap = (tag: string, attrs = '') => {
      out.push(`<${tag}${attrs}>`);
      inner();
      out.push(`</${tag}>`);
    };
    const type = typeOf(node);
    if (type === 'text') return void out.push(renderText(node));
    if (Object.hasOwn(BLOCKS, type)) return wrap(BLOCKS[type]!);
    switch (type) {
      case 'doc':
        return inner();
      case 'heading':
        // The file's title is the h1; the document's own headings sit below it.
        return wrap(`h${Math.min((intAttr(node, 'level', 1, 6) ?? 2) + 1, 6)}`);
      case 'orderedList': {
        const start = intAttr(node, 'start', 0, 1_000_000);
        return wrap('ol', start !== null && start !== 1 ? ` start="${start}"` : '');
      }
      case 'taskList':
        return wrap('ul', ' class="tasks"');
      case 'taskItem': {
        const checked = attrOf(node, 'checked') === true;
        out.push(`<li class="task"><span class="box">${checked ? '☑' : '☐'}</span> `);
        inner();
        return void out.push('</li>');
      }
      case 'codeBlock':
        out.push('<pre><code>');
        inner();
        return void out.push('</code></pre>');
      case 'hardBreak':
        return void out.push('<br>');
      case 'horizontalRule':
        return void out.push('<hr>');
      case 'image': {
        const hash = attrOf(node, 'hash');
        const alt = attrOf(node, 'alt');
        const altText = escapeHtml(typeof alt === 'string' ? alt : '');
        const src = isBlobHash(hash) ? (options.imageSrc?.(hash) ?? null) : null;
        // Only data: URLs of pictures, made by the app itself, are embedded.
        if (src && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(src))
          return void out.push(`<img src="${src}" alt="${altText}">`);
        return void out.push(altText ? `<p class="missing">[${altText}]</p>` : '');
      }
      case 'docLink': {
        const docId = attrOf(node, 'docId');
        const target = typeof docId === 'string' ? (options.docLink?.(docId) ?? null) : null;
        if (target && isSafeHref(target.href))
          return void out.push(
            `<a href="${escapeHtml(target.href)}">${escapeHtml(target.title)}</a>`
          );
        return void out.push(`<span>${escapeHtml(target?.title ?? 'другой документ')}</span>`);
      }
      default:
        return inner();
    }
  };
  render(root, 0);
  return out.join('');
}

function renderText(node: PmNode): string {
  if (typeof node.text !== 'string') return '';
  let html = escapeHtml(node.text);
  let link: string | null = null;
  for (const mark of marksOf(node)) {
    const type = typeOf(mark);
    if (Object.hasOwn(MARKS, type)) {
      const tag = MARKS[type]!;
      html = `<${tag}>${html}</${tag}>`;
    } else if (type === 'link') {
      const href = attrOf(mark, 'href');
      if (typeof href === 'string' && isSafeHref(href)) link = href.trim();
    }
  }
  return link === null
    ? html
    : `<a href="${escapeHtml(link)}" rel="noopener noreferrer">${html}</a>`;
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
${contentToHtml(root, options)}
</article>
</body>
</html>
`;
}
