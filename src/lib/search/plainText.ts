import * as Y from 'yjs';
import { documentRoots } from '../shared/model/schema.ts';

/** Elements that flow inside a line; every other element is a block and ends with a line break. */
const INLINE = new Set(['hardBreak', 'mention', 'docLink', 'image']);

/**
 * The plain text of a document's rich text: one line per block (paragraph, heading, list item),
 * marks dropped, so sentences and snippets follow the document's structure.
 */
export function plainTextOf(doc: Y.Doc): string {
  const out: string[] = [];
  walk(documentRoots.content(doc), out);
  return out
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim()
    .normalize('NFC');
}

function walk(node: Y.XmlFragment | Y.XmlElement, out: string[]): void {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown }[]) {
        if (typeof op.insert === 'string') out.push(op.insert);
      }
    } else if (child instanceof Y.XmlElement) {
      if (INLINE.has(child.nodeName)) {
        // An inline node may carry its visible text as an attribute (a link's label).
        const label = child.getAttribute('label');
        out.push(typeof label === 'string' ? ` ${label} ` : ' ');
        continue;
      }
      walk(child, out);
      out.push('\n');
    }
  }
}
