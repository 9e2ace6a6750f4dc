/** One ProseMirror node as `yXmlFragmentToProsemirrorJSON` gives it: peer-written, so untrusted. */
export type PmNode = {
  type?: unknown;
  attrs?: unknown;
  content?: unknown;
  text?: unknown;
  marks?: unknown;
};

/** Deeper than any real document; a hostile one nested further is cut, not a stack overflow. */
export const MAX_DEPTH = 48;

/** What stands where a peer nested blocks deeper than that: the renderers show a note there. */
export const TOO_DEEP_NODE = 'tooDeep';

export function childrenOf(node: PmNode): PmNode[] {
  return Array.isArray(node.content)
    ? node.content.filter((c): c is PmNode => typeof c === 'object' && c !== null)
    : [];
}

export function typeOf(node: PmNode): string {
  return typeof node.type === 'string' ? node.type : '';
}

export function attrOf(node: PmNode, name: string): unknown {
  const attrs = node.attrs;
  return typeof attrs === 'object' && attrs !== null
    ? (attrs as Record<string, unknown>)[name]
    : undefined;
}

export function intAttr(node: PmNode, name: string, min: number, max: number): number | null {
  const raw = attrOf(node, name);
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export function marksOf(node: PmNode): PmNode[] {
  return Array.isArray(node.marks)
    ? node.marks.filter((m): m is PmNode => typeof m === 'object' && m !== null)
    : [];
}

/** A link to another document of the workspace, as an export shows it. */
export type DocLinkTarget = { title: string; href: string };
export type DocLinkResolver = (docId: string) => DocLinkTarget | null;

/** The text of a node and its descendants, for a title taken from a heading. */
export function textOf(node: PmNode, depth = 0): string {
  if (depth > MAX_DEPTH) return '';
  if (typeOf(node) === 'text') return typeof node.text === 'string' ? node.text : '';
  return childrenOf(node)
    .map((c) => textOf(c, depth + 1))
    .join('');
}
