import { unsentRoomCount } from './unsyncedRooms.ts';

/**
 * Everything Uzel keeps of the people who used this device: the documents' IndexedDB databases
 * (`uzel:<room>`), the files (`uzel-blobs`), the search indexes (`uzel-search-…`), the sync clocks
 * (`uzel-sync`), and localStorage entries under `uzel:`. On a tablet several teachers share,
 * signing out can remove it all once nothing in it is waiting for the server.
 */

/** Kept: they describe the device, not a person (the interface language, a hint already shown). */
const DEVICE_KEYS = new Set(['uzel:locale', 'uzel:offline-ready-told']);
/** A database another tab still holds open is removed once it closes; past this, say so. */
const DELETE_TIMEOUT_MS = 5000;

function isOurs(name: string): boolean {
  return name.startsWith('uzel:') || name.startsWith('uzel-');
}

function deleteDatabase(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), DELETE_TIMEOUT_MS);
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve(true);
    };
    request.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
  });
}

export type ForgetReport = { removed: number; failed: string[] };

/**
 * Removes this device's copy. Call after signing out and closing every document; refuses while
 * anything is unsent, since the copy is then the only place those changes exist.
 */
export async function forgetThisDevice(): Promise<ForgetReport> {
  if (unsentRoomCount() > 0) throw new Error('Changes on this device have not reached the server');
  const names = (await indexedDB.databases())
    .map((db) => db.name)
    .filter((name): name is string => typeof name === 'string' && isOurs(name));
  const results = await Promise.all(names.map(async (name) => [name, await deleteDatabase(name)]));
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith('uzel:') && !DEVICE_KEYS.has(key)) keys.push(key);
  }
  for (const key of keys) localStorage.removeItem(key);
  return {
    removed: results.filter(([, ok]) => ok).length,
    failed: results.filter(([, ok]) => !ok).map(([name]) => name as string)
  };
}
