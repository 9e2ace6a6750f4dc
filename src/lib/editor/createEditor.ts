import { Editor } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { initProseMirrorDoc, ySyncPluginKey } from '@tiptap/y-tiptap';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { DOCUMENT_CONTENT_FIELD } from '../shared/model/schema.ts';
import { CaretInView } from './caretInView.ts';
import { CommentHighlights } from './comments/CommentHighlights.ts';
import { DocLink } from './docLink/DocLink.ts';
import { DocumentEdges } from './documentEdges.ts';
import {
  DocLinkSuggestion,
  type DocLinkPickerItem,
  type DocLinkPickerRender
} from './docLink/DocLinkSuggestion.ts';
import type { LinkDirectory } from './docLink/linkTarget.ts';
import { isSafeHref } from '../shared/richText/safeHref.ts';
import { taskCheckboxLabel } from './taskCheckboxLabel.ts';
import { AttachmentNode } from './files/AttachmentNode.ts';
import { FileInsert } from './files/FileInsert.ts';
import type { FileViews } from './files/fileViews.ts';
import { ImageNode } from './files/ImageNode.ts';
import { installIncrementalRemoteSync } from './incrementalRemoteSync.ts';
import { othersCaretsProvider } from './othersCaretsProvider.ts';

export type EditorUser = { name: string; color: string };

export type CreateEditorOptions = {
  element: HTMLElement;
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: EditorUser;
  label: string;
  editable?: boolean;
  onTransaction?: (editor: Editor) => void;
  links?: DocLinkEditorOptions;
  files?: FileEditorOptions;
};

/** Images and files: how they show, and (for those who may write) how new ones come in. */
export type FileEditorOptions = {
  views: FileViews;
  insert: ((files: File[], pos: number | null) => void) | null;
};

/** What links between documents need from the app: titles, navigation and the picker. */
export type DocLinkEditorOptions = {
  directory: LinkDirectory;
  open: (id: string) => void;
  items: (query: string) => DocLinkPickerItem[];
  render: DocLinkPickerRender;
};

/**
 * The node and mark types a document may contain (shared with the server's sample data test).
 * Without `links`, document links are still part of the schema; they just show ids.
 */
export function contentExtensions(links?: DocLinkEditorOptions, files?: FileEditorOptions) {
  return [
    // Collaboration brings its own undo history (per person), so StarterKit's is off.
    StarterKit.configure({
      undoRedo: false,
      // It would add an empty paragraph to a document that ends in a list the moment it opens:
      // an edit nobody made, which a viewer could never send.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isSafeHref(url),
        shouldAutoLink: (url) => isSafeHref(url)
      }
    }),
    TaskList,
    TaskItem.configure({ nested: true, a11y: { checkboxLabel: taskCheckboxLabel } }),
    // Column widths by dragging are a mouse gesture and would travel as pixel sizes into every
    // export; tables take the page's width instead.
    TableKit.configure({ table: { resizable: false } }),
    DocLink.configure({ directory: links?.directory ?? null, open: links?.open ?? null }),
    ...(links ? [DocLinkSuggestion.configure({ items: links.items, render: links.render })] : []),
    ImageNode.configure({ views: files?.views ?? null }),
    AttachmentNode.configure({ views: files?.views ?? null })
  ];
}

/** The document editor: Tiptap bound to the document's Y.XmlFragment, with others' carets. */
export function createEditor(options: CreateEditorOptions): Editor {
  const prepared = prepareEditor(options);
  prepared.build();
  prepared.show(options.element);
  return prepared.editor;
}

export type PreparedEditor = {
  /** Not shown yet: no view, so nothing may be dispatched to it before `show`. */
  editor: Editor;
  /** Builds the ProseMirror document from Yjs (for a long document, a task of its own). */
  build(): void;
  /** Renders what `build` made, bound to Yjs from here on (built again if Yjs changed since). */
  show(element: HTMLElement): void;
};

/**
 * The editor in two steps. Tiptap's set-up (schema, plugins, commands) runs first, while the
 * copy on this device is still being read; `show` then renders the document once, from Yjs,
 * as the view is made. Made empty and shown at once, the view was filled by y-tiptap's forced
 * rerender instead: the whole document replaced through every plugin and diffed by the view,
 * and a long document read in slices was rebuilt with each slice.
 */
export function prepareEditor(options: Omit<CreateEditorOptions, 'element'>): PreparedEditor {
  installIncrementalRemoteSync();
  // Handed to the binding, which then trusts it instead of rebuilding the document itself.
  const mapping = new Map();
  const editor = new Editor({
    element: null,
    editable: options.editable ?? true,
    extensions: [
      ...contentExtensions(options.links, options.files),
      FileInsert.configure({ insert: options.files?.insert ?? null }),
      Collaboration.configure({
        document: options.doc,
        field: DOCUMENT_CONTENT_FIELD,
        ySyncOptions: { mapping }
      }),
      CollaborationCaret.configure({
        provider: othersCaretsProvider(options.provider),
        user: options.user
      }),
      CommentHighlights.configure({ doc: options.doc }),
      CaretInView,
      DocumentEdges
    ],
    editorProps: {
      attributes: {
        'aria-label': options.label,
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'document-text',
        spellcheck: 'true',
        lang: 'ru'
      }
    },
    onTransaction: ({ editor }) => options.onTransaction?.(editor)
  });
  const fragment = options.doc.getXmlFragment(DOCUMENT_CONTENT_FIELD);
  let built: ReturnType<typeof initProseMirrorDoc> | null = null;
  // A change between `build` and `show` would be missing from the view: it builds again then.
  const outdated = () => (built = null);
  return {
    editor,
    build() {
      built = initProseMirrorDoc(fragment, editor.schema);
      fragment.observeDeep(outdated);
    },
    show(element) {
      fragment.unobserveDeep(outdated);
      built ??= initProseMirrorDoc(fragment, editor.schema);
      for (const [type, node] of built.mapping) mapping.set(type, node);
      // An empty fragment builds a document without its required paragraph; the one a new
      // editor starts with is not written to Yjs until someone types.
      const doc = built.doc.childCount > 0 ? built.doc : editor.schema.topNodeType.createAndFill()!;
      built = null;
      // Tiptap makes its view from this state (an unmounted editor holds an empty document).
      (editor as unknown as { editorState: EditorState }).editorState = EditorState.create({
        doc,
        schema: editor.schema
      });
      // Made outside the page, then put in: adding the plugins' decorations to a view in the
      // page made Chromium lay out the whole fresh document at once, inside this task.
      editor.mount(document.createElement('div'));
      element.append(editor.view.dom);
      if (editor.state.doc === doc) return;
      // Tiptap no longer mounts from that state: the text goes in as y-tiptap's own first
      // render puts it, marked as coming from Yjs so nothing is written back.
      editor.view.dispatch(
        editor.state.tr
          .replaceWith(0, editor.state.doc.content.size, doc.content)
          .setMeta(ySyncPluginKey, { isChangeOrigin: true })
          .setMeta('addToHistory', false)
      );
    }
  };
}
