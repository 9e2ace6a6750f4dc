import * as Y from 'yjs';

/**
 * Folds a stored snapshot and the updates after it into one state, as a document loaded from them
 * would encode it (deleted content garbage-collected). Compaction folds what is stored rather
 * than what one process holds in memory: another process may have committed an update this one
 * never saw, and a snapshot built without it would delete it. What is still pending once every
 * stored update is applied can never apply (it refers to data nothing stored has) and is left
 * out: Yjs would otherwise carry it in the snapshot and re-read it on every later update.
 */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of updates) Y.applyUpdate(doc, update);
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The workspace part of a room name (`<workspaceId>/<docId>`); the whole name if it has no `/`. */
export function workspaceOf(room: string): string {
  const slash = room.indexOf('/');
  return slash < 0 ? room : room.slice(0, slash);
}
