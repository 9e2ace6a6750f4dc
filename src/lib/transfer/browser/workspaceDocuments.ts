import { documentRoots, roomName } from '../../shared/model/schema.ts';
import { acquireDoc } from '../../sync/docPool.ts';
import type { SyncedDoc } from '../../sync/SyncedDoc.ts';
import { archivedComments, type ArchivedThread } from '../archive/archivedComments.ts';
import type { DocumentTarget } from '../archive/restoreArchive.ts';
import { documentContent } from '../documentContent.ts';
import type { PmNode } from '../../shared/richText/pmNode.ts';

/** How long to wait for the server's copy of a document before using the one on this device. */
const SYNC_WAIT_MS = 15_000;

/** Resolves when the doc has caught up with the server, or at once when it cannot (offline). */
export function settled(doc: SyncedDoc, timeoutMs = SYNC_WAIT_MS): Promise<void> {
  return new Promise((resolve) => {
    let off = () => {};
    const timer = setTimeout(() => finish(), timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const check = () => {
      const { loaded, synced, connection, problem } = doc.state;
      if (loaded && (synced || connection === 'offline' || problem !== null)) finish();
    };
    off = doc.subscribe(check);
    check();
  });
}

/**
 * A document's content, read through the sync pool (the device's copy, brought up to date), the
 * hashes of the files it names and its comment threads.
 */
export async function readContent(
  workspaceId: string,
  docId: string
): Promise<{ content: PmNode; hashes: string[]; comments: ArchivedThread[] }> {
  const lease = acquireDoc(roomName(workspaceId, docId));
  try {
    await lease.doc.whenLoaded;
    await settled(lease.doc);
    return {
      ...documentContent(documentRoots.content(lease.doc.doc)),
      comments: archivedComments(lease.doc.doc)
    };
  } finally {
    lease.release();
  }
}

/**
 * Writes go through the same path as typing: the pool's doc keeps them in IndexedDB first and
 * sends them to the relay, so an imported document is there offline and reaches the others.
 */
export function poolTarget(workspaceId: string): DocumentTarget {
  return {
    open: async (docId) => {
      const lease = acquireDoc(roomName(workspaceId, docId));
      await lease.doc.whenLoaded;
      await settled(lease.doc);
      return {
        doc: lease.doc.doc,
        close: async () => {
          try {
            await lease.doc.flushLocal();
          } finally {
            lease.release();
          }
        }
      };
    }
  };
}
