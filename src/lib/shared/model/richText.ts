import * as Y from 'yjs';

/**
 * Builds document content the way Tiptap's Collaboration extension stores it (y-prosemirror):
 * one Y.XmlElement per node, named after the node type, attributes as node attributes, and
 * Y.XmlText for text with marks as formatting attributes.
 */
export type Run = string | { text: string; bold?: boolean; italic?: boolean };
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'bulletList'; items: string[] }
  | { type: 'taskList'; items: { text: string; checked: boolean }[] }
  | { type: 'blockquote'; text: string };

function textNode(runs: Run[]): Y.XmlText {
  const text = new Y.XmlText();
  let at = 0;
  for (const run of runs) {
    const value = typeof run === 'string' ? run : run.text;
    // Explicit nulls: Y.Text gives inserted text the marks of the text before it otherwise.
    const marks: Record<string, object | null> = {
      bold: typeof run !== 'string' && run.bold ? {} : null,
      italic: typeof run !== 'string' && run.italic ? {} : null
    };
    text.insert(at, value, marks);
    at += value.length;
  }
  return text;
}

function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[],
  attrs: Record<string, unknown> = {}
) {
  const el = new Y.XmlElement(name);
  // y-prosemirror keeps attribute values as they are (numbers, booleans).
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
  el.insert(0, children);
  return el;
}

const paragraph = (runs: Run[]) => element('paragraph', [textNode(runs)]);

function toElement(block: Block): Y.XmlElement {
  switch (block.type) {
    case 'heading':
      return element('heading', [textNode([block.text])], { level: block.level });
    case 'paragraph':
      return paragraph(block.runs);
    case 'bulletList':
      return element(
        'bulletList',
        block.items.map((item) => element('listItem', [paragraph([item])]))
      );
    case 'taskList':
      return element(
        'taskList',
        block.items.map((item) =>
          element('taskItem', [paragraph([item.text])], { checked: item.checked })
        )
      );
    case 'blockquote':
      return element('blockquote', [paragraph([block.text])]);
  }
}

export function writeBlocks(fragment: Y.XmlFragment, blocks: Block[]): void {
  fragment.insert(fragment.length, blocks.map(toElement));
}
