import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { documentRoots } from '../shared/model/schema.ts';
import { editorSchema } from './htmlToContent.ts';
import type { PmNode } from '../shared/richText/pmNode.ts';

/**
 * Writes content into a new document's Y.Doc in one transaction, in the shape the editor's
 * Collaboration extension reads. Refuses a document that already has text: an import never
 * mixes into someone's work.
 */
export function writeContent(doc: Y.Doc, content: PmNode): void {
  const fragment = documentRoots.content(doc);
  if (fragment.length > 0) throw new Error('The document already has content');
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(editorSchema(), content, fragment);
  });
}
