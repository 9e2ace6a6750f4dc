import { getSchema } from '@tiptap/core';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { Node } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { contentExtensions } from '../../../src/lib/editor/createEditor.ts';
import {
  resolveAnchor,
  type ProsemirrorMapping
} from '../../../src/lib/shared/model/comments/anchors.ts';
import type { CommentAnchor } from '../../../src/lib/shared/model/comments/types.ts';
import { documentRoots } from '../../../src/lib/shared/model/schema.ts';

export const schema = getSchema(contentExtensions());

/** A document's Y.Doc holding one paragraph per string, as the editor would write it. */
export function docWith(...paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }))
    },
    documentRoots.content(doc)
  );
  return doc;
}

/** A copy that shares the history (a second device after a first sync). */
export function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Exchanges what each side misses, as the relay does after a reconnect. */
export function merge(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

/** The ProseMirror view of a Y.Doc, with the binding mapping an editor would hold. */
export function view(doc: Y.Doc): { pm: Node; mapping: ProsemirrorMapping } {
  const { doc: pm, mapping } = initProseMirrorDoc(documentRoots.content(doc), schema);
  return { pm, mapping: mapping as ProsemirrorMapping };
}

/** The ProseMirror range of the first occurrence of `words`. */
export function rangeOf(pm: Node, words: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  pm.descendants((node, pos) => {
    if (found || !node.isText) return !found;
    const at = node.text!.indexOf(words);
    if (at >= 0) found = { from: pos + at, to: pos + at + words.length };
    return false;
  });
  if (!found) throw new Error(`«${words}» is not in the document`);
  return found;
}

/** The text an anchor covers now in `doc`, or null when orphaned. */
export function anchoredText(doc: Y.Doc, anchor: CommentAnchor): string | null {
  const { pm, mapping } = view(doc);
  const range = resolveAnchor(documentRoots.content(doc), mapping, anchor, pm.content.size);
  return range ? pm.textBetween(range.from, range.to, '\n') : null;
}

/** The Y.XmlText of the n-th top-level paragraph (what a remote editor's keystrokes change). */
export function paragraphText(doc: Y.Doc, n: number): Y.XmlText {
  const paragraph = documentRoots.content(doc).get(n) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}
