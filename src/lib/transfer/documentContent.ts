import type * as Y from 'yjs';
import { blobHashesIn } from '../shared/model/blobRefs.ts';
import { fragmentToJson } from '../shared/richText/fragmentJson.ts';
import type { PmNode } from '../shared/richText/pmNode.ts';

/**
 * What the archive keeps of one document: its content as ProseMirror JSON and the files it names.
 * Both walks use a stack, so a document nested thousands deep (a raw Yjs client can write one)
 * is archived with a `tooDeep` mark where it is cut instead of overflowing the call stack.
 */
export function documentContent(fragment: Y.XmlFragment): { content: PmNode; hashes: string[] } {
  return { content: fragmentToJson(fragment), hashes: blobHashesIn(fragment) };
}
