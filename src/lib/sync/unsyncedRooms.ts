/**
 * Which rooms hold local changes the server has not confirmed. SaveTracker keeps a count per room
 * in localStorage (`uzel:pending:<room>`); this module reads those counts for a whole workspace,
 * so the background sync knows what to push and the list can mark documents, also ones that are
 * not open, and in every tab (localStorage's `storage` event reaches the other tabs).
 */
export const PENDING_KEY_PREFIX = 'uzel:pending:';

export interface UnsyncedRooms {
  /** Doc ids of the workspace with unconfirmed local changes. */
  list(workspaceId: string): string[];
  /** The server confirmed everything of `room` (the batch sync stored it). */
  clear(room: string): void;
  subscribe(listener: () => void): () => void;
}

const listeners = new Set<() => void>();

/** Called by the count store when a room starts or stops having unconfirmed changes. */
export function notifyUnsyncedChanged(): void {
  for (const listener of listeners) listener();
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Rooms (`<workspaceId>/<docId>`) whose count of unconfirmed changes is above zero. */
function pendingRooms(): string[] {
  const store = storage();
  if (!store) return [];
  const out: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PENDING_KEY_PREFIX) && Number(store.getItem(key)) > 0) {
      out.push(key.slice(PENDING_KEY_PREFIX.length));
    }
  }
  return out;
}

/** Rooms with changes the server has not confirmed, across every workspace on this device. */
export function unsentRoomCount(): number {
  return pendingRooms().length;
}

export const localStorageUnsynced: UnsyncedRooms = {
  list(workspaceId) {
    const prefix = `${workspaceId}/`;
    return pendingRooms()
      .filter((room) => room.startsWith(prefix))
      .map((room) => room.slice(prefix.length))
      .sort();
  },
  clear(room) {
    try {
      storage()?.removeItem(PENDING_KEY_PREFIX + room);
    } catch {
      // Blocked storage: the marker stays, the next sync pushes again (harmless).
    }
    notifyUnsyncedChanged();
  },
  subscribe(listener) {
    listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key.startsWith(PENDING_KEY_PREFIX)) listener();
    };
    if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
    };
  }
};

/** The same contract in memory, for a process without localStorage (Node tests, benchmarks). */
export function memoryUnsynced(): UnsyncedRooms & { mark(room: string): void } {
  const rooms = new Set<string>();
  const own = new Set<() => void>();
  const changed = () => own.forEach((l) => l());
  return {
    list: (workspaceId) =>
      [...rooms]
        .filter((r) => r.startsWith(`${workspaceId}/`))
        .map((r) => r.slice(workspaceId.length + 1))
        .sort(),
    clear: (room) => {
      rooms.delete(room);
      changed();
    },
    mark: (room) => {
      rooms.add(room);
      changed();
    },
    subscribe: (listener) => {
      own.add(listener);
      return () => own.delete(listener);
    }
  };
}
