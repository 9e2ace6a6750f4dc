import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

export type FileInsertOptions = {
  /** Stores the files on this device and inserts their nodes at `pos`; null when not allowed. */
  insert: ((files: File[], pos: number | null) => void) | null;
};

const filesOf = (list: FileList | null | undefined): File[] => (list ? Array.from(list) : []);

/** Files dropped on or pasted into the text become images and attachment cards there. */
export const FileInsert = Extension.create<FileInsertOptions>({
  name: 'fileInsert',
  // Ahead of the paste and drop handling of other extensions, which would take the event as text.
  priority: 1000,

  addOptions() {
    return { insert: null };
  },

  addProseMirrorPlugins() {
    const insert = this.options.insert;
    if (!insert) return [];
    return [
      new Plugin({
        key: new PluginKey('fileInsert'),
        props: {
          handleDOMEvents: {
            paste(view: EditorView, event: ClipboardEvent) {
              const files = filesOf(event.clipboardData?.files);
              if (!view.editable || files.length === 0) return false;
              event.preventDefault();
              insert(files, null);
              return true;
            },
            drop(view: EditorView, event: DragEvent) {
              const files = filesOf(event.dataTransfer?.files);
              if (!view.editable || files.length === 0) return false;
              event.preventDefault();
              const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
              insert(files, at?.pos ?? null);
              return true;
            }
          }
        }
      })
    ];
  }
});
