/**
 * Opening a document from this device's copy waited for IndexedDB (opening the database, then
 * reading it: 100–250 ms on a tablet) only once the page around the document had started. The
 * app starts that read for the page it opens on as its scripts load, and the document's
 * persistence takes the result over (`takeEarlyRead`).
 */

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

function readExisting(name: string): Promise<StoredEntries | null> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    let missing = false;
    request.onupgradeneeded = () => {
      missing = true;
      request.transaction?.abort();
    };
    request.onerror = (event) => {
      if (!missing) return reject(request.error);
      event.preventDefault();
      resolve(null);
    };
    request.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked`));
    request.onsuccess = () => {
      const db = request.result;
      // Removed meanwhile (signing out on a shared device): let it go.
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains(UPDATES)) {
        db.close();
        return resolve(null);
      }
      const store = db.transaction(UPDATES, 'readonly').objectStore(UPDATES);
      const updates = store.getAll();
      const keys = store.getAllKeys();
      keys.onsuccess = () =>
        resolve({ db, updates: updates.result as Uint8Array[], keys: keys.result });
      keys.onerror = () => {
        db.close();
        reject(keys.error);
      };
    };
  });
}
