import { isSafeHref } from '../../../src/lib/editor/safeHref.ts';
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
};

/** Deeper than any real document; a hostile one nested further is cut, not a stack overflow. */
const MAX_DEPTH = 48;

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
