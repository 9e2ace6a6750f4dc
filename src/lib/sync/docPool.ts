import { relayUrl } from './connectivity.ts';
import { SyncedDoc } from './SyncedDoc.ts';

type Entry = { doc: SyncedDoc; users: number; timer: ReturnType<typeof setTimeout> | null };

/** Kept open a little after the last user leaves, so going back and forth does not reconnect. */
const LINGER_MS = 30_000;

const pool = new Map<string, Entry>();
const poolListeners = new Set<() => void>();

function poolChanged(): void {
  for (const listener of poolListeners) listener();
}

export type DocLease = { doc: SyncedDoc; release: () => void };

/** One SyncedDoc per room for the whole page; callers share it and release it when done. */
export function acquireDoc(room: string): DocLease {
  let entry = pool.get(room);
  if (!entry) {
    entry = {
      doc: new SyncedDoc(room, { relayUrl: relayUrl(window.location) }),
      users: 0,
      timer: null
    };
    pool.set(room, entry);
    poolChanged();
  }
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
  entry.users++;
  const current = entry;
  let released = false;
  return {
    doc: current.doc,
    release: () => {
      if (released) return;
      released = true;
      current.users--;
      // Already closed (signed out): nothing left to do.
      if (current.users > 0 || pool.get(room) !== current) return;
      current.timer = setTimeout(() => {
        pool.delete(room);
        current.doc.destroy();
        poolChanged();
      }, LINGER_MS);
    }
  };
}

/**
 * Closes every doc now, lingering or not: after signing out nothing of the previous person may
 * stay connected. Their changes are already in IndexedDB.
 */
export function closeAllDocs(): void {
  for (const [room, entry] of pool) {
    if (entry.timer) clearTimeout(entry.timer);
    pool.delete(room);
    entry.doc.destroy();
  }
  poolChanged();
}

/** Every doc open on this page, for the app-wide status (the worst of them is shown). */
export function openDocs(): SyncedDoc[] {
  return [...pool.values()].map((e) => e.doc);
}

/** Calls `listener` when a doc is opened or closed, or when any open doc's state changes. */
export function subscribeOpenDocs(listener: () => void): () => void {
  const perDoc = new Map<SyncedDoc, () => void>();
  const sync = () => {
    const current = new Set(openDocs());
    for (const [doc, off] of perDoc) {
      if (current.has(doc)) continue;
      off();
      perDoc.delete(doc);
    }
    for (const doc of current) if (!perDoc.has(doc)) perDoc.set(doc, doc.subscribe(listener));
  };
  const onPool = () => {
    sync();
    listener();
  };
  poolListeners.add(onPool);
  sync();
  return () => {
    poolListeners.delete(onPool);
    for (const off of perDoc.values()) off();
  };
}
