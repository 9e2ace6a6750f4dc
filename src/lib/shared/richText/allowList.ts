/**
 * The HTML that may pass a sanitiser, declared once. The public pages (sanitize-html on the
 * server) and the import of pasted, Word and Markdown HTML (DOMPurify in the app) are both
 * configured from here; each adds only what its own markup needs, spelled out below.
 */
export type AllowList = {
  readonly tags: readonly string[];
  /** Attributes by element; anything not named is dropped. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** Class names by element, where a class is allowed at all. */
  readonly classes: Readonly<Record<string, readonly string[]>>;
};

/** The only schemes a link may use (besides a path or fragment on the same site). */
export const LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

/** Elements whose content is dropped along with them: never shown as text either. */
export const DROPPED_WITH_CONTENT: readonly string[] = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'svg',
  'math',
  'iframe'
];

/** What the editor's document holds: its blocks and marks, links, tables, and pictures' descriptions. */
const CONTENT: AllowList = {
  tags: [
    'p',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'br',
    'hr',
    'strong',
    'em',
    's',
    'u',
    'a',
    'img',
    'table',
    'tbody',
    'tr',
    'th',
    'td'
  ],
  attributes: {
    a: ['href'],
    ol: ['start'],
    img: ['alt', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan']
  },
  classes: {}
};

function extend(base: AllowList, extra: Partial<AllowList>): AllowList {
  const attributes: Record<string, readonly string[]> = { ...base.attributes };
  for (const [tag, names] of Object.entries(extra.attributes ?? {}))
    attributes[tag] = [...(attributes[tag] ?? []), ...names];
  return {
    tags: [...base.tags, ...(extra.tags ?? [])],
    attributes,
    classes: { ...base.classes, ...extra.classes }
  };
}

/**
 * A public page's content, as the shared renderer writes it: besides the document's markup,
 * figures with pictures from the site's file route (by src, lazily), sub/superscript, the task
 * list's classes and download links for files. No h1: the page's title is the h1.
 */
export const PUBLIC_PAGE_ALLOW_LIST: AllowList = extend(CONTENT, {
  tags: ['sub', 'sup', 'span', 'figure'],
  attributes: {
    a: ['rel', 'download'],
    img: ['src', 'loading', 'decoding'],
    p: ['class'],
    li: ['class'],
    ul: ['class'],
    span: ['class']
  },
  classes: { li: ['task', 'done'], ul: ['tasks'], span: ['box'], p: ['file'] }
});

/**
 * Imported HTML before it becomes a document: also the spellings other editors use (h1, b, i,
 * del, a table's thead and tfoot), Markdown's task boxes (<input type="checkbox">), and pictures named only by the hash this
 * import stored (data-hash), never by an address (no src).
 */
export const IMPORT_ALLOW_LIST: AllowList = extend(CONTENT, {
  tags: ['h1', 'b', 'i', 'del', 'input', 'thead', 'tfoot'],
  attributes: { input: ['type', 'checked'], img: ['data-hash'] }
});

/** Every attribute name an allow-list has on any element, for sanitisers that take one list. */
export function attributeNames(list: AllowList): string[] {
  return [...new Set(Object.values(list.attributes).flat())];
}
