import type * as Y from 'yjs';
import { extractLinkIds, writeOutgoingLinks } from './documentLinks.ts';

export type LinkRecorderOptions = {
  /** The document's text. */
  content: Y.XmlFragment;
  /** The workspace index Y.Doc the links are recorded in. */
  indexDoc: Y.Doc;
  docId: string;
  /** Subscribes to edits made on this device only; returns the unsubscribe. */
  onLocalChange: (listener: () => void) => () => void;
  /** Viewers read the index but never write it. */
  canWrite: () => boolean;
  delayMs?: number;
};

/**
 * Keeps a document's outgoing links in the index while it is open. Only this device's edits
 * trigger a write: a received update was already recorded by the peer that made it, and two
 * peers re-recording each other's changes would fight while their copies differ. Typing is
 * debounced; whatever is pending is written when the recorder stops (the editor closes).
 * Returns the stop function.
 */
export function recordOutgoingLinks(options: LinkRecorderOptions): () => void {
  const delay = options.delayMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!options.canWrite()) return;
    writeOutgoingLinks(options.indexDoc, options.docId, extractLinkIds(options.content));
  };

  const unsubscribe = options.onLocalChange(() => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delay);
  });

  return () => {
    unsubscribe();
    if (timer !== null) flush();
  };
}
