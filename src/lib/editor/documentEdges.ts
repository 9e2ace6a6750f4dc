import { Extension, isMacOS } from '@tiptap/core';
import { Selection, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Ctrl+Home / Ctrl+End (Cmd+↑ / Cmd+↓ on a Mac; with Shift they extend the selection) placed by
 * ProseMirror instead of the browser.
 *
 * The blocks of a long document that are off the screen are not laid out
 * (`content-visibility: auto`, see DocumentEditor.svelte). Chromium's own Ctrl+End then stops
 * at the start of the last block, and the next keystroke can land somewhere else entirely; the
 * document's edges are known to ProseMirror without any layout, so it moves the caret itself and
 * scrolls it into view.
 */
export const DocumentEdges = Extension.create({
  name: 'documentEdges',

  addKeyboardShortcuts() {
    const edge = (end: boolean, extend: boolean) => () => toEdge(this.editor.view, end, extend);
    const keys: Record<string, () => boolean> = {
      'Mod-Home': edge(false, false),
      'Mod-End': edge(true, false),
      'Shift-Mod-Home': edge(false, true),
      'Shift-Mod-End': edge(true, true)
    };
    if (isMacOS()) {
      keys['Mod-ArrowUp'] = edge(false, false);
      keys['Mod-ArrowDown'] = edge(true, false);
      keys['Shift-Mod-ArrowUp'] = edge(false, true);
      keys['Shift-Mod-ArrowDown'] = edge(true, true);
    }
    return keys;
  }
});

/** Moves the caret (or, extending, the selection's head) to the document's start or end. */
export function toEdge(view: EditorView, end: boolean, extend: boolean): boolean {
  const { state } = view;
  const target = end ? Selection.atEnd(state.doc) : Selection.atStart(state.doc);
  const selection = extend
    ? TextSelection.between(state.selection.$anchor, target.$head, end ? -1 : 1)
    : target;
  view.dispatch(state.tr.setSelection(selection).scrollIntoView());
  return true;
}
