/**
 * Opens the database `name` if it exists and has the object store `store`; null otherwise.
 * Never creates one: an empty database made here would lack the stores its owner creates when
 * it makes one (y-indexeddb's layout, see LocalPersistence).
 */
export function openExisting(
  idb: IDBFactory,
  name: string,
  store: string
): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = idb.open(name);
    let missing = false;
    request.onupgradeneeded = () => {
      // The database does not exist: abort, so opening it does not create it.
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
      if (db.objectStoreNames.contains(store)) return resolve(db);
      db.close();
      resolve(null);
    };
  });
}
