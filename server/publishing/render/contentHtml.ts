import { isSafeHref } from '../../../src/lib/editor/safeHref.ts';
import { isBlobHash } from '../../../src/lib/files/hash.ts';
import type { PmNode } from '../types.ts';
import { escapeHtml } from './escape.ts';

/**
 * Renders a document's ProseMirror JSON to HTML with an allow-list: every node and mark type it
 * knows maps to fixed markup, attributes are read one by one and checked, text is escaped, and
 * anything unknown is dropped while its text is kept. The JSON comes from a Y.Doc any member (or a
 * raw Yjs client with a member's token) may have written, so nothing in it is trusted.
 */

export type RenderOptions = {
  /** A linked document's public address and title, or null when it is not published. */
  docLink?: (docId: string) => { href: string; title: string } | null;
  /** A published file's address by its hash; without it images and files render nothing. */
  fileHref?: (hash: string) => string;
};

/** Deeper than any real document; a hostile one nested further is cut, not a stack overflow. */
const MAX_DEPTH = 48;
/** Longer than any real description or file name; the rest of a hostile one is cut. */
const MAX_ALT = 1000;
const MAX_NAME = 255;

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
  code: 'code',
  subscript: 'sub',
  superscript: 'sup'
};

function children(node: PmNode): PmNode[] {
  return Array.isArray(node.content)
    ? node.content.filter((c): c is PmNode => typeof c === 'object' && c !== null)
    : [];
}

function attr(node: PmNode, name: string): unknown {
  const attrs = node.attrs;
  return typeof attrs === 'object' && attrs !== null
    ? (attrs as Record<string, unknown>)[name]
    : undefined;
}

function intAttr(node: PmNode, name: string, min: number, max: number): number | null {
  const raw = attr(node, name);
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

function textAttr(node: PmNode, name: string, max: number): string {
  const raw = attr(node, name);
  // Control characters have no place in what is shown (nor in a name a file is saved under).
  // eslint-disable-next-line no-control-regex
  return typeof raw === 'string' ? raw.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, max) : '';
}

/** As the editor reads a size: a number (or its digits), at least 1, below 100 000, rounded. */
function sizeAttr(node: PmNode, name: string): number | null {
  const raw = attr(node, name);
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^\d{1,6}(\.\d{1,6})?$/.test(raw)
        ? Number(raw)
        : NaN;
  return Number.isFinite(n) && n >= 1 && n < 100_000 ? Math.round(n) : null;
}

/**
 * A picture: only by a hash (never a URL the document chose), from this site's file route, with
 * its size when known so the text does not jump while it loads.
 */
function imageHtml(node: PmNode, fileHref: RenderOptions['fileHref']): string {
  const hash = attr(node, 'hash');
  if (!fileHref || !isBlobHash(hash)) return '';
  const width = sizeAttr(node, 'width');
  const height = sizeAttr(node, 'height');
  const size = width !== null && height !== null ? ` width="${width}" height="${height}"` : '';
  return (
    `<figure><img src="${escapeHtml(fileHref(hash))}" alt="${escapeHtml(textAttr(node, 'alt', MAX_ALT))}"` +
    `${size} loading="lazy" decoding="async"></figure>`
  );
}

/** A file: a download link under its name, saved under that name. */
function attachmentHtml(node: PmNode, fileHref: RenderOptions['fileHref']): string {
  const hash = attr(node, 'hash');
  if (!fileHref || !isBlobHash(hash)) return '';
  const name = escapeHtml(textAttr(node, 'name', MAX_NAME).replace(/[/\\]/g, '_') || 'файл');
  return `<p class="file"><a href="${escapeHtml(fileHref(hash))}" download="${name}">${name}</a></p>`;
}

export function contentToHtml(root: PmNode, options: RenderOptions = {}): string {
  const out: string[] = [];
  const render = (node: PmNode, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const inner = () => {
      for (const child of children(node)) render(child, depth + 1);
    };
    const wrap = (tag: string, attrs = '') => {
      out.push(`<${tag}${attrs}>`);
      inner();
      out.push(`</${tag}>`);
    };
    const type = typeof node.type === 'string' ? node.type : '';
    if (type === 'text') {
      out.push(renderText(node));
      return;
    }
    if (Object.hasOwn(BLOCKS, type)) return wrap(BLOCKS[type]!);
    switch (type) {
      case 'doc':
        return inner();
      case 'heading': {
        // The page's title is the h1; the document's own headings sit below it.
        const level = Math.min((intAttr(node, 'level', 1, 6) ?? 2) + 1, 6);
        return wrap(`h${level}`);
      }
      case 'orderedList': {
        const start = intAttr(node, 'start', 0, 100_000);
        return wrap('ol', start !== null && start !== 1 ? ` start="${start}"` : '');
      }
      case 'taskList':
        return wrap('ul', ' class="tasks"');
      case 'taskItem': {
        const checked = attr(node, 'checked') === true;
        out.push(`<li class="${checked ? 'task done' : 'task'}">`);
        out.push(`<span class="box">${checked ? '☑' : '☐'}</span> `);
        inner();
        out.push('</li>');
        return;
      }
      case 'codeBlock':
        out.push('<pre><code>');
        inner();
        out.push('</code></pre>');
        return;
      case 'hardBreak':
        out.push('<br>');
        return;
      case 'horizontalRule':
        out.push('<hr>');
        return;
      case 'docLink': {
        // A link to another document of the workspace: a link only when that one is public too.
        const docId = attr(node, 'docId');
        const target = typeof docId === 'string' ? (options.docLink?.(docId) ?? null) : null;
        if (target) {
          out.push(`<a href="${escapeHtml(target.href)}">${escapeHtml(target.title)}</a>`);
        } else {
          // The node holds only an id; the private title is never looked up.
          out.push('<span>другой материал</span>');
        }
        return;
      }
      case 'image':
        out.push(imageHtml(node, options.fileHref));
        return;
      case 'attachment':
        out.push(attachmentHtml(node, options.fileHref));
        return;
      default:
        // Unknown (or hostile) node types: their text is kept, their markup is not.
        return inner();
    }
  };
  render(root, 0);
  return out.join('');
}

function renderText(node: PmNode): string {
  if (typeof node.text !== 'string') return '';
  let html = escapeHtml(node.text);
  const marks = Array.isArray(node.marks) ? (node.marks as PmNode[]) : [];
  let link: string | null = null;
  for (const mark of marks) {
    if (typeof mark !== 'object' || mark === null) continue;
    const type = typeof mark.type === 'string' ? mark.type : '';
    if (Object.hasOwn(MARKS, type)) {
      const tag = MARKS[type]!;
      html = `<${tag}>${html}</${tag}>`;
    } else if (type === 'link') {
      const href = attr(mark, 'href');
      if (typeof href === 'string' && isSafeHref(href)) link = href.trim();
    }
  }
  if (link !== null) {
    const external = /^(https?|mailto):/i.test(link);
    html = `<a href="${escapeHtml(link)}"${external ? ' rel="nofollow noopener noreferrer"' : ''}>${html}</a>`;
  }
  return html;
}

/** The document's text, one block per line: for the summary and the search index. */
export function plainText(root: PmNode): string {
  const parts: string[] = [];
  const walk = (node: PmNode, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (node.type === 'text' && typeof node.text === 'string') parts.push(node.text);
    const kids = children(node);
    for (const child of kids) walk(child, depth + 1);
    if (kids.length > 0 && node.type !== 'doc') parts.push('\n');
  };
  walk(root, 0);
  return parts
    .join('')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim();
}
