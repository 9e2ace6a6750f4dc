import * as Y from 'yjs';
import { openExisting } from '../idb/openExisting.ts';
import { roomName } from '../shared/model/schema.ts';

/**
 * Reads a document's Y.Doc as y-indexeddb keeps it on this device (database `uzel:<room>`, store
 * `updates`), without a provider: read-only, no websocket, nothing written back.
 */

const UPDATES_STORE = 'updates';

/** The database name y-indexeddb uses for a document (see SyncedDoc). */
export function storedDocName(workspaceId: string, docId: string): string {
  return `uzel:${roomName(workspaceId, docId)}`;
}

/**
 * The document's stored Y.Doc, or null when this device has none yet. Never creates a database:
 * an empty one would later stop y-indexeddb from creating its store.
 */
export async function readStoredDoc(
  idb: IDBFactory,
  workspaceId: string,
  docId: string
): Promise<Y.Doc | null> {
  const updates = await readUpdates(idb, storedDocName(workspaceId, docId));
  if (!updates) return null;
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

async function readUpdates(idb: IDBFactory, name: string): Promise<Uint8Array[] | null> {
  const db = await openExisting(idb, name, UPDATES_STORE);
  if (!db) return null;
  return new Promise((resolve, reject) => {
    const tx = db.transaction(UPDATES_STORE, 'readonly');
    const all = tx.objectStore(UPDATES_STORE).getAll();
    tx.oncomplete = () => {
      db.close();
      const rows = all.result as unknown[];
      resolve(rows.filter((r): r is Uint8Array => r instanceof Uint8Array));
    };
    tx.onerror = () => {
      db.close();
      reject(tx.error);
    };
  });
}
