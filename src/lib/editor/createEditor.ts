import { Editor } from '@tiptap/core';
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
  installIncrementalRemoteSync();
  return new Editor({
    element: options.element,
    editable: options.editable ?? true,
    extensions: [
      ...contentExtensions(options.links, options.files),
      FileInsert.configure({ insert: options.files?.insert ?? null }),
      Collaboration.configure({ document: options.doc, field: DOCUMENT_CONTENT_FIELD }),
      CollaborationCaret.configure({ provider: options.provider, user: options.user }),
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
}
