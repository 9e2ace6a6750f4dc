import type { Editor } from '@tiptap/core';
import type { Node, Schema } from '@tiptap/pm/model';
import { yUndoPluginKey, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { documentRoots } from '../../shared/model/schema.ts';

/** A throwaway Y.Doc holding a version's state (never connected to anything). */
export function versionDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** The version's text as a ProseMirror document of the editor's schema. */
export function versionNode(doc: Y.Doc, schema: Schema): Node {
  return yXmlFragmentToProseMirrorRootNode(documentRoots.content(doc), schema);
}

/**
 * Restores a version as one new edit: the editor's whole content becomes the version's, through
 * an ordinary transaction. y-prosemirror turns it into the smallest change it finds to the shared
 * text (blocks equal in both stay untouched, so others' edits there survive), under the origin its
 * undo manager tracks: Ctrl+Z takes the restore back. Capturing stops before and after, so the
 * restore is one undo step of its own, never merged with typing just before or after it.
 */
export function restoreVersion(editor: Editor, content: Node): boolean {
  const undoManager = yUndoPluginKey.getState(editor.state)?.undoManager as
    Y.UndoManager | undefined;
  undoManager?.stopCapturing();
  const done = editor.chain().setContent(content, { emitUpdate: true }).focus('start').run();
  undoManager?.stopCapturing();
  return done;
}
