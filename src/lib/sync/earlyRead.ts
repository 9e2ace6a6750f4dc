/**
 * Opening a document from this device's copy waited for IndexedDB (opening the database, then
 * reading it: 100–250 ms on a tablet) only once the page around the document had started. The
 * app starts that read for the page it opens on as its scripts load, and the document's
 * persistence takes the result over (`takeEarlyRead`).
 */

import { idbRequest } from '../idb/request.ts';
import { openExisting } from '../idb/openExisting.ts';

const UPDATES = 'updates';

/** The stored entries of a room's database and their keys, as LocalPersistence reads them. */
export type StoredEntries = { db: IDBDatabase; updates: Uint8Array[]; keys: IDBValidKey[] };

const started = new Map<string, Promise<StoredEntries | null>>();
/** A read nobody took by then (the person went elsewhere) lets its connection go. */
const UNCLAIMED_MS = 10_000;

/**
 * Starts reading the database `name`, unless it does not exist: a database made here would
 * lack the stores its persistence creates when it makes one.
 */
export function readEarly(name: string): void {
  if (typeof indexedDB === 'undefined' || started.has(name)) return;
  const read = readExisting(name);
  // Nobody may take it (the page changed meanwhile): a failed read is then nobody's error.
  read.catch(() => undefined);
  started.set(name, read);
  setTimeout(() => {
    if (started.get(name) !== read) return;
    started.delete(name);
    void read.then(
      (entries) => entries?.db.close(),
      () => undefined
    );
  }, UNCLAIMED_MS);
}

/**
 * The read started for `name`, once; null when none was started or the database did not
 * exist. The connection is the caller's from then on.
 */
export function takeEarlyRead(name: string): Promise<StoredEntries | null> | null {
  const read = started.get(name);
  started.delete(name);
  return read ?? null;
}

async function readExisting(name: string): Promise<StoredEntries | null> {
  const db = await openExisting(indexedDB, name, UPDATES);
  if (!db) return null;
  // Removed meanwhile (signing out on a shared device): let it go.
  db.onversionchange = () => db.close();
  const store = db.transaction(UPDATES, 'readonly').objectStore(UPDATES);
  try {
    const [updates, keys] = await Promise.all([
      idbRequest(store.getAll()),
      idbRequest(store.getAllKeys())
    ]);
    return { db, updates: updates as Uint8Array[], keys };
  } catch (error) {
    db.close();
    throw error;
  }
}
