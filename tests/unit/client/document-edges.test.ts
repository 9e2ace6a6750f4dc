import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { EditorState, NodeSelection, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { describe, expect, it } from 'vitest';
import { contentExtensions } from '../../../src/lib/editor/createEditor.ts';
import { toEdge } from '../../../src/lib/editor/documentEdges.ts';

const schema = getSchema(contentExtensions());
const para = (t: string) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });

/** Just what `toEdge` uses of a view: the state and a dispatch that applies to it. */
function viewOf(json: object[], select: (doc: Node) => TextSelection) {
  const doc = Node.fromJSON(schema, { type: 'doc', content: json });
  const view = {
    state: EditorState.create({ doc, selection: select(doc) }),
    scrolled: false,
    dispatch(tr: Transaction) {
      this.scrolled = tr.scrolledIntoView;
      this.state = this.state.apply(tr);
    }
  };
  return view as typeof view & EditorView;
}

describe('FR33 Ctrl+Home/End placed by the editor', () => {
  const blocks = [para('Занятие 1. Глина.'), para('Занятие 2. Роспись.'), para('Итог.')];

  it('moves the caret to the very end and the very start, and scrolls to it', () => {
    const view = viewOf(blocks, (doc) => TextSelection.create(doc, 3));
    toEdge(view, true, false);
    expect(view.state.selection.empty).toBe(true);
    expect(view.state.selection.head).toBe(view.state.doc.content.size - 1);
    expect(view.scrolled).toBe(true);
    toEdge(view, false, false);
    expect(view.state.selection.head).toBe(1);
  });

  it('with Shift keeps the anchor and moves the head', () => {
    const view = viewOf(blocks, (doc) => TextSelection.create(doc, 5));
    toEdge(view, true, true);
    expect(view.state.selection.anchor).toBe(5);
    expect(view.state.selection.head).toBe(view.state.doc.content.size - 1);
    toEdge(view, false, true);
    expect({ anchor: view.state.selection.anchor, head: view.state.selection.head }).toEqual({
      anchor: 5,
      head: 1
    });
  });

  it('a document that ends in a horizontal rule selects it; with Shift the text up to it', () => {
    const view = viewOf([para('Глина.'), { type: 'horizontalRule' }], (doc) =>
      TextSelection.create(doc, 2)
    );
    toEdge(view, true, false);
    expect(view.state.selection).toBeInstanceOf(NodeSelection);
    const back = viewOf([para('Глина.'), { type: 'horizontalRule' }], (doc) =>
      TextSelection.create(doc, 2)
    );
    toEdge(back, true, true);
    expect(back.state.selection).toBeInstanceOf(TextSelection);
    expect(back.state.selection.anchor).toBe(2);
  });
});
