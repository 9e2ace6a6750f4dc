import { isSafeHref } from '../shared/richText/safeHref.ts';
import {
  attrOf,
  childrenOf,
  intAttr,
  marksOf,
  MAX_DEPTH,
  typeOf,
  type DocLinkResolver,
  type PmNode
} from '../shared/richText/pmNode.ts';
import type { ExportMeta } from './documentFields.ts';
import { writeFrontMatter } from './frontMatter.ts';
import { tableMarkdown } from './markdownTable.ts';
import { isBlobHash } from '../shared/files/hash.ts';

/**
 * Writes a document's ProseMirror JSON as CommonMark + GFM task lists. Every node type the editor
 * knows has a fixed form; unknown (or hostile) nodes keep their text only, and a link whose
 * address is not safe keeps its words and loses the address.
 */
export type MarkdownOptions = {
  title?: string;
  docLink?: DocLinkResolver;
  /** Type, fields and tags: written as YAML front matter before the title. */
  meta?: ExportMeta;
  /**
   * A picture's relative path by its hash (`files/<hash>.png` in a zip that carries it). Without
   * it, or when it gives null, a picture leaves its description in brackets.
   */
  imageHref?: (hash: string) => string | null;
};

/** Marks in the order they nest, outermost first, so that closing one never tears another. */
const MARK_ORDER = ['link', 'bold', 'italic', 'strike', 'code'] as const;
type MarkName = (typeof MARK_ORDER)[number];
type OpenMark = { name: MarkName; href?: string };

const DELIMS: Record<Exclude<MarkName, 'link'>, string> = {
  bold: '**',
  italic: '*',
  strike: '~~',
  code: '`'
};

export function toMarkdown(root: PmNode, options: MarkdownOptions = {}): string {
  const blocks = blocksOf(root, options, 0);
  if (options.title) blocks.unshift(`# ${escapeInline(options.title)}`);
  if (options.meta) blocks.unshift(writeFrontMatter(options.title ?? '', options.meta));
  return (
    blocks
      .join('\n\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/** Lists that share a marker: one right after another would read back as a single list. */
const MARKER: Record<string, string> = { bulletList: '-', taskList: '-', orderedList: '.' };

function blocksOf(node: PmNode, options: MarkdownOptions, depth: number): string[] {
  const out: string[] = [];
  let previous = '';
  for (const child of childrenOf(node)) {
    const block = blockOf(child, options, depth + 1);
    if (block === null) continue;
    // Two lists in a row would read back as one; an empty comment keeps them apart.
    if (MARKER[previous] && MARKER[previous] === MARKER[typeOf(child)]) out.push('<!-- -->');
    out.push(block);
    previous = typeOf(child);
  }
  return out;
}

function blockOf(node: PmNode, options: MarkdownOptions, depth: number): string | null {
  if (depth > MAX_DEPTH) return null;
  switch (typeOf(node)) {
    case 'paragraph':
      return inlineOf(node, options);
    case 'heading': {
      const level = intAttr(node, 'level', 1, 6) ?? 2;
      return `${'#'.repeat(level)} ${inlineOf(node, options)}`;
    }
    case 'bulletList':
      return listOf(node, options, depth, () => '- ');
    case 'orderedList': {
      const start = intAttr(node, 'start', 0, 1_000_000) ?? 1;
      return listOf(node, options, depth, (i) => `${start + i}. `);
    }
    case 'taskList':
      return listOf(node, options, depth, (_, item) =>
        attrOf(item, 'checked') === true ? '- [x] ' : '- [ ] '
      );
    case 'blockquote':
      return prefixLines(blocksOf(node, options, depth).join('\n\n'), '> ', '> ');
    case 'codeBlock': {
      const text = childrenOf(node)
        .map((c) => (typeof c.text === 'string' ? c.text : ''))
        .join('');
      const language = attrOf(node, 'language');
      const lang = typeof language === 'string' && /^[\w+-]{1,32}$/.test(language) ? language : '';
      // A fence longer than any run of backticks inside, so the code cannot close it.
      const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}${lang}\n${text}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    case 'table':
      return tableMarkdown(node, (paragraph) => inlineOf(paragraph, options)) || null;
    case 'image':
      return imageOf(node, options);
    default: {
      // Unknown blocks: their text survives as paragraphs.
      const inner = blocksOf(node, options, depth);
      if (inner.length > 0) return inner.join('\n\n');
      const text = inlineOf(node, options);
      return text === '' ? null : text;
    }
  }
}

function imageOf(node: PmNode, options: MarkdownOptions): string | null {
  const hash = attrOf(node, 'hash');
  const rawAlt = attrOf(node, 'alt');
  const alt = typeof rawAlt === 'string' ? rawAlt.replace(/\s+/g, ' ').trim().slice(0, 1000) : '';
  const href = isBlobHash(hash) ? (options.imageHref?.(hash) ?? null) : null;
  if (href === null) return alt ? escapeInline(`[${alt}]`) : null;
  return `![${escapeInline(alt)}](${escapeHref(href)})`;
}

function listOf(
  node: PmNode,
  options: MarkdownOptions,
  depth: number,
  marker: (index: number, item: PmNode) => string
): string {
  return childrenOf(node)
    .map((item, i) => {
      const head = marker(i, item);
      const body = blocksOf(item, options, depth).join('\n\n');
      return prefixLines(body === '' ? '' : body, head, ' '.repeat(head.length));
    })
    .join('\n');
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line === '' ? rest.trimEnd() : rest) + line)
    .join('\n');
}

function inlineOf(node: PmNode, options: MarkdownOptions): string {
  let out = '';
  let open: OpenMark[] = [];
  const close = (keep: number) => {
    while (open.length > keep) out += closing(open.pop()!);
  };
  for (const child of childrenOf(node)) {
    const type = typeOf(child);
    if (type === 'hardBreak') {
      close(0);
      out += '\\\n';
      continue;
    }
    if (type === 'docLink') {
      close(0);
      const docId = attrOf(child, 'docId');
      const target = typeof docId === 'string' ? (options.docLink?.(docId) ?? null) : null;
      out += target
        ? `[${escapeInline(target.title)}](${escapeHref(target.href)})`
        : escapeInline('[другой документ]');
      continue;
    }
    if (type !== 'text' || typeof child.text !== 'string') continue;
    const wanted = activeMarks(child);
    let same = 0;
    while (same < open.length && same < wanted.length && sameMark(open[same]!, wanted[same]!))
      same++;
    close(same);
    for (const mark of wanted.slice(same)) {
      out += opening(mark);
      open.push(mark);
    }
    const inCode = wanted.some((m) => m.name === 'code');
    out += inCode ? child.text : escapeInline(child.text);
  }
  close(0);
  open = [];
  return out;
}

function activeMarks(node: PmNode): OpenMark[] {
  const found = new Map<MarkName, OpenMark>();
  for (const mark of marksOf(node)) {
    const type = typeOf(mark);
    if (type === 'link') {
      const href = attrOf(mark, 'href');
      if (typeof href === 'string' && isSafeHref(href))
        found.set('link', { name: 'link', href: href.trim() });
    } else if ((MARK_ORDER as readonly string[]).includes(type)) {
      found.set(type as MarkName, { name: type as MarkName });
    }
  }
  return MARK_ORDER.filter((n) => found.has(n)).map((n) => found.get(n)!);
}

const sameMark = (a: OpenMark, b: OpenMark) => a.name === b.name && a.href === b.href;
const opening = (m: OpenMark) => (m.name === 'link' ? '[' : DELIMS[m.name]);
const closing = (m: OpenMark) =>
  m.name === 'link' ? `](${escapeHref(m.href ?? '')})` : DELIMS[m.name];

/** Characters Markdown would read as markup are escaped, so the text reads back as written. */
export function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(
      /^(\s*)([#+-]|\d+[.)])(?=\s|$)/gm,
      (_, space: string, mark: string) => `${space}${mark.replace(/[#+\-.)]/, (c) => `\\${c}`)}`
    );
}

function escapeHref(href: string): string {
  return `<${href.replace(/[<>\s]/g, encodeURIComponent)}>`;
}
