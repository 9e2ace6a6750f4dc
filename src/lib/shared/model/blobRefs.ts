import * as Y from 'yjs';
import { isBlobHash } from '../files/hash.ts';

/** Editor nodes that name a stored file by its SHA-256 (`src/lib/editor/files`). */
const FILE_NODES = new Set(['image', 'attachment']);

/**
 * The files a document's text refers to, read straight from its Y.XmlFragment (no editor), so a
 * document downloaded in the background can bring its pictures and attachments along.
 */
export function blobHashesIn(fragment: Y.XmlFragment): string[] {
  const found = new Set<string>();
  // A stack, not recursion: a peer can nest elements thousands deep (see `fragmentToJson`).
  const stack: (Y.XmlFragment | Y.XmlElement)[] = [fragment];
  while (stack.length > 0) {
    for (const child of stack.pop()!.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const hash = child.getAttribute('hash');
      if (FILE_NODES.has(child.nodeName) && isBlobHash(hash)) found.add(hash);
      stack.push(child);
    }
  }
  return [...found];
}
