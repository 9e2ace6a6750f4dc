import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { visibleArea } from '../viewport/visibleArea.ts';

/** Room kept between the caret and the edge of what can be seen, so the next line shows too. */
const MARGIN = 24;

const key = new PluginKey<boolean>('caretInView');

/**
 * Keeps the typed line in sight. ProseMirror scrolls the caret into the window, but it does not
 * know about the sticky app bar and toolbar above the text, nor does it look again when an
 * on-screen keyboard shrinks the visual viewport; this plugin does both, after the frame is laid
 * out (one animation frame later), and only while the editor has the focus.
 */
export const CaretInView = Extension.create({
  name: 'caretInView',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key,
        // Whether the last change was this person's: a colleague's typing never scrolls the page.
        state: {
          init: () => false,
          apply: (tr) => (tr.docChanged || tr.selectionSet) && !isChangeOrigin(tr)
        },
        view(view) {
          let frame = 0;
          const check = () => {
            cancelAnimationFrame(frame);
            frame = requestAnimationFrame(() => reveal(view));
          };
          window.visualViewport?.addEventListener('resize', check);
          return {
            update(view) {
              if (key.getState(view.state) && view.hasFocus()) check();
            },
            destroy() {
              cancelAnimationFrame(frame);
              window.visualViewport?.removeEventListener('resize', check);
            }
          };
        }
      })
    ];
  }
});

function reveal(view: EditorView): void {
  if (view.isDestroyed || !view.hasFocus()) return;
  let caret: { top: number; bottom: number };
  try {
    caret = view.coordsAtPos(view.state.selection.head);
  } catch {
    return; // A position the view has not drawn yet: the next update looks again.
  }
  const area = visibleArea();
  const room = Math.min(
    MARGIN,
    Math.max(0, (area.bottom - area.top - (caret.bottom - caret.top)) / 2)
  );
  if (caret.top < area.top + room) window.scrollBy(0, caret.top - area.top - room);
  else if (caret.bottom > area.bottom - room) window.scrollBy(0, caret.bottom - area.bottom + room);
}
