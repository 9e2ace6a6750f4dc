import * as Y from 'yjs';
import { MAX_DEPTH, TOO_DEEP_NODE, type PmNode } from './pmNode.ts';

/** y-tiptap names a mark that may repeat `name--<hash>`; the mark's type is the part before. */
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

function textNodes(text: Y.XmlText): PmNode[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map(
    (d) => {
      const node: PmNode = { type: 'text', text: d.insert };
      if (d.attributes) {
        node.marks = Object.entries(d.attributes).map(([name, attrs]) => ({
          type: HASHED_MARK.exec(name)?.[1] ?? name,
          attrs
        }));
      }
      return node;
    }
  );
}

/**
 * A document's content fragment as ProseMirror JSON, the shape `yXmlFragmentToProsemirrorJSON`
 * gives, but walked with a stack instead of recursion: a raw Yjs client can nest elements
 * thousands deep, which overflows the call stack of a recursive walk (the publish answered 500).
 * Anything below `maxDepth` is replaced by one `tooDeep` node, so nothing after it recurses deep.
 */
export function fragmentToJson(fragment: Y.XmlFragment, maxDepth = MAX_DEPTH): PmNode {
  const root: PmNode & { content: PmNode[] } = { type: 'doc', content: [] };
  const stack: { items: unknown[]; into: PmNode[]; depth: number }[] = [
    { items: fragment.toArray(), into: root.content, depth: 1 }
  ];
  while (stack.length > 0) {
    const { items, into, depth } = stack.pop()!;
    for (const item of items) {
      if (item instanceof Y.XmlText) {
        into.push(...textNodes(item));
      } else if (item instanceof Y.XmlElement) {
        if (depth >= maxDepth) {
          into.push({ type: TOO_DEEP_NODE });
          continue;
        }
        const node: PmNode = { type: item.nodeName };
        const attrs = item.getAttributes();
        if (Object.keys(attrs).length > 0) node.attrs = attrs;
        const children = item.toArray();
        if (children.length > 0) {
          const content: PmNode[] = [];
          node.content = content;
          stack.push({ items: children, into: content, depth: depth + 1 });
        }
        into.push(node);
      }
    }
  }
  return root;
}
