import { isSafeHref } from './safeHref.ts';
import { isBlobHash } from '../files/hash.ts';
import {
  attrOf,
  childrenOf,
  intAttr,
  marksOf,
  MAX_DEPTH,
  TOO_DEEP_NODE,
  typeOf,
  type DocLinkResolver,
  type PmNode
} from './pmNode.ts';
import { escapeHtml } from './escapeHtml.ts';
import { sizeAttr, textAttr } from './nodeAttrs.ts';

/**
 * Renders a document's ProseMirror JSON to HTML with an allow-list: every node and mark type it
 * knows maps to fixed markup, attributes are read one by one and checked, text is escaped, and
 * anything unknown is dropped while its text is kept. The JSON comes from a Y.Doc any member (or
 * a raw Yjs client with a member's token) may have written, so nothing in it is trusted.
 *
 * Pure string building, no DOM and no Node API: the public pages (server) and the HTML export
 * (browser) share it and differ only in the options below.
 */
export type RenderHtmlOptions = {
  /** A linked document's address and title, or null when it is not to be linked. */
  docLink?: DocLinkResolver;
  /** What a link to another document reads as when it is not linked and has no title. */
  unlinkedDocLabel?: string;
  /**
   * A picture's address by its hash: a published file's path on a site, or a data: URL for a
   * standalone file. Anything else it returns (a web address, another scheme) is refused.
   * Without it, or when it gives null, the picture is not shown.
   */
  imageSrc?: (hash: string) => string | null;
  /**
   * Pictures come over the network (a page on the web, not a file carrying them): each loads
   * when near the screen, never holding up the text, with its size reserved so nothing jumps.
   */
  imagesFromNetwork?: boolean;
  /** A picture that cannot be shown leaves its description in brackets (for a reader offline). */
  describeMissingImages?: boolean;
  /** A file's download address by its hash; without it files render nothing. */
  fileHref?: (hash: string) => string | null;
  /** The rel of a text link by its (safe) href; none when it gives ''. */
  linkRel?: (href: string) => string;
  /** A done task's item also carries the class "done" (the public style strikes it out). */
  markDoneTasks?: boolean;
  /** Nodes nested deeper are cut; the default is deeper than any real document. */
  maxDepth?: number;
  /** Stands, once per cut branch, where nodes were nested too deep to show; nothing without it. */
  tooDeepNote?: string;
};

/** Longer than any real description or file name; the rest of a hostile one is cut. */
const MAX_ALT = 1000;
const MAX_NAME = 255;
const MAX_LIST_START = 1_000_000;

export const BLOCK_TAGS: Readonly<Record<string, string>> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  listItem: 'li',
  tableRow: 'tr'
};

/** A cell spans at most this many rows or columns: more than any real table, bounded for a hostile one. */
export const MAX_CELL_SPAN = 100;

/** colspan/rowspan of a table cell, written only when more than 1. */
function spanAttrs(node: PmNode): string {
  let attrs = '';
  for (const name of ['colspan', 'rowspan'] as const) {
    const span = intAttr(node, name, 1, MAX_CELL_SPAN);
    if (span !== null && span > 1) attrs += ` ${name}="${span}"`;
  }
  return attrs;
}

export const MARK_TAGS: Readonly<Record<string, string>> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  underline: 'u',
  code: 'code',
  subscript: 'sub',
  superscript: 'sup'
};

/**
 * The only picture addresses the renderer writes: a path on the same site (no `//host`, nothing
 * that could leave the attribute) or a data: URL of a raster picture type.
 */
const SAME_SITE_PATH = /^\/(?![/\\])[A-Za-z0-9._~!$&()*+,;=:@%/-]*$/;
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/;

export function isRenderableImageSrc(src: string): boolean {
  return SAME_SITE_PATH.test(src) || DATA_IMAGE.test(src);
}

function loadingAttrs(node: PmNode): string {
  const width = sizeAttr(node, 'width');
  const height = sizeAttr(node, 'height');
  const size = width !== null && height !== null ? ` width="${width}" height="${height}"` : '';
  return `${size} loading="lazy" decoding="async"`;
}

function imageHtml(node: PmNode, options: RenderHtmlOptions): string {
  const hash = attrOf(node, 'hash');
  const alt = escapeHtml(textAttr(node, 'alt', MAX_ALT));
  const src = isBlobHash(hash) ? (options.imageSrc?.(hash) ?? null) : null;
  if (src === null || !isRenderableImageSrc(src))
    return options.describeMissingImages && alt ? `<p class="missing">[${alt}]</p>` : '';
  return `<figure><img src="${escapeHtml(src)}" alt="${alt}"${
    options.imagesFromNetwork ? loadingAttrs(node) : ''
  }></figure>`;
}

/** A file: a download link under its name, saved under that name. */
function attachmentHtml(node: PmNode, options: RenderHtmlOptions): string {
  const hash = attrOf(node, 'hash');
  const href = isBlobHash(hash) ? (options.fileHref?.(hash) ?? null) : null;
  if (href === null || !isSafeHref(href)) return '';
  const name = escapeHtml(textAttr(node, 'name', MAX_NAME).replace(/[/\\]/g, '_') || 'файл');
  return `<p class="file"><a href="${escapeHtml(href)}" download="${name}">${name}</a></p>`;
}

function docLinkHtml(node: PmNode, options: RenderHtmlOptions): string {
  const docId = attrOf(node, 'docId');
  const target = typeof docId === 'string' ? (options.docLink?.(docId) ?? null) : null;
  if (target && isSafeHref(target.href))
    return `<a href="${escapeHtml(target.href)}">${escapeHtml(target.title)}</a>`;
  // The node holds only an id: a title is shown only when the resolver gave one.
  const label = target?.title ?? options.unlinkedDocLabel ?? 'другой документ';
  return `<span>${escapeHtml(label)}</span>`;
}

function textHtml(node: PmNode, options: RenderHtmlOptions): string {
  if (typeof node.text !== 'string') return '';
  let html = escapeHtml(node.text);
  let link: string | null = null;
  for (const mark of marksOf(node)) {
    const type = typeOf(mark);
    if (Object.hasOwn(MARK_TAGS, type)) {
      const tag = MARK_TAGS[type]!;
      html = `<${tag}>${html}</${tag}>`;
    } else if (type === 'link') {
      const href = attrOf(mark, 'href');
      if (typeof href === 'string' && isSafeHref(href)) link = href.trim();
    }
  }
  if (link === null) return html;
  const rel = options.linkRel?.(link) ?? '';
  return `<a href="${escapeHtml(link)}"${rel ? ` rel="${escapeHtml(rel)}"` : ''}>${html}</a>`;
}

/** A node still to render at its depth, or markup to write once the nodes above it are done. */
type Frame = { node: PmNode; depth: number } | string;

/** How a node renders: markup before and after its children, or markup alone (no children). */
function partsOf(
  node: PmNode,
  options: RenderHtmlOptions
): { open: string; close: string } | string {
  const type = typeOf(node);
  if (type === 'text') return textHtml(node, options);
  if (Object.hasOwn(BLOCK_TAGS, type)) {
    const tag = BLOCK_TAGS[type]!;
    return { open: `<${tag}>`, close: `</${tag}>` };
  }
  const wrap = (tag: string, attrs = '') => ({ open: `<${tag}${attrs}>`, close: `</${tag}>` });
  switch (type) {
    case 'doc':
      return { open: '', close: '' };
    case 'heading':
      // The page's (or file's) title is the h1; the document's own headings sit below it.
      return wrap(`h${Math.min((intAttr(node, 'level', 1, 6) ?? 2) + 1, 6)}`);
    case 'orderedList': {
      const start = intAttr(node, 'start', 0, MAX_LIST_START);
      return wrap('ol', start !== null && start !== 1 ? ` start="${start}"` : '');
    }
    case 'taskList':
      return wrap('ul', ' class="tasks"');
    case 'table':
      return { open: '<table><tbody>', close: '</tbody></table>' };
    case 'tableHeader':
      return wrap('th', spanAttrs(node));
    case 'tableCell':
      return wrap('td', spanAttrs(node));
    case 'taskItem': {
      const checked = attrOf(node, 'checked') === true;
      const done = checked && options.markDoneTasks ? ' done' : '';
      return {
        open: `<li class="task${done}"><span class="box">${checked ? '☑' : '☐'}</span> `,
        close: '</li>'
      };
    }
    case 'codeBlock':
      return { open: '<pre><code>', close: '</code></pre>' };
    case 'hardBreak':
      return '<br>';
    case 'horizontalRule':
      return '<hr>';
    case 'docLink':
      return docLinkHtml(node, options);
    case 'image':
      return imageHtml(node, options);
    case 'attachment':
      return attachmentHtml(node, options);
    case TOO_DEEP_NODE:
      return tooDeepHtml(options);
    default:
      // Unknown (or hostile) node types: their text is kept, their markup is not.
      return { open: '', close: '' };
  }
}

function tooDeepHtml(options: RenderHtmlOptions): string {
  return options.tooDeepNote ? `<p><em>${escapeHtml(options.tooDeepNote)}</em></p>` : '';
}

/**
 * The renderer as a machine that can stop between any two nodes: an explicit stack instead of
 * recursion (a deep document cannot overflow the call stack), and `run(steps)` renders a bounded
 * number of nodes, so a server can render a very large document in slices and let other
 * requests run in between.
 */
export class HtmlRenderer {
  readonly #options: RenderHtmlOptions;
  readonly #maxDepth: number;
  readonly #rootIsDoc: boolean;
  readonly #stack: Frame[];
  #out: string[] = [];
  #pending = 0;

  constructor(root: PmNode, options: RenderHtmlOptions = {}) {
    this.#options = options;
    this.#maxDepth = options.maxDepth ?? MAX_DEPTH;
    this.#rootIsDoc = typeOf(root) === 'doc';
    this.#stack = [{ node: root, depth: 0 }];
  }

  /** Renders up to `steps` nodes; true once the whole document is rendered. */
  run(steps = Infinity): boolean {
    const stack = this.#stack;
    for (let done = 0; done < steps && stack.length > 0; done++) {
      const frame = stack.pop()!;
      if (typeof frame === 'string') {
        this.#write(frame);
        continue;
      }
      const { node, depth } = frame;
      if (depth > this.#maxDepth) continue;
      const parts = partsOf(node, this.#options);
      if (typeof parts === 'string') {
        this.#write(parts);
        continue;
      }
      this.#write(parts.open);
      if (parts.close) stack.push(parts.close);
      const children = childrenOf(node);
      // One note for the whole cut branch, however many nodes it holds.
      if (depth >= this.#maxDepth) {
        if (children.length > 0) stack.push(tooDeepHtml(this.#options));
        continue;
      }
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ node: children[i]!, depth: depth + 1 });
    }
    return stack.length === 0;
  }

  /**
   * True when everything written so far is whole markup: between two top-level blocks of a
   * document, or at the end. Only there may the output be cut into pieces that stand alone.
   */
  get atBlockBoundary(): boolean {
    const next = this.#stack.at(-1);
    return next === undefined || (this.#rootIsDoc && typeof next !== 'string' && next.depth === 1);
  }

  /** Characters written since the last `take()`. */
  get pending(): number {
    return this.#pending;
  }

  /** The markup written since the last call. */
  take(): string {
    const html = this.#out.join('');
    this.#out = [];
    this.#pending = 0;
    return html;
  }

  #write(html: string): void {
    if (html === '') return;
    this.#out.push(html);
    this.#pending += html.length;
  }
}

export function renderHtml(root: PmNode, options: RenderHtmlOptions = {}): string {
  const renderer = new HtmlRenderer(root, options);
  renderer.run();
  return renderer.take();
}
