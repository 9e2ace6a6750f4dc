import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  localStorageCount,
  SaveTracker,
  type CountStore
} from '../../../src/lib/sync/SaveTracker.ts';
import {
  createTrackedProvider,
  type TrackedProvider
} from '../../../src/lib/sync/trackedProvider.ts';
import { tokenFor } from '../helpers/credentials.ts';
import { makeTempDir, TestRelay } from '../helpers/relay.ts';
import { StoreReader } from '../helpers/storedDoc.ts';
import { waitFor } from '../helpers/wait.ts';

/** A count kept in memory, standing in for localStorage across a simulated reload. */
function memoryStore(initial = 0): CountStore & { value: number } {
  return {
    value: initial,
    load() {
      return this.value;
    },
    save(count) {
      this.value = count;
    }
  };
}

/** What the relay's SQLite file holds for a room, read as another process would. */
function storedText(relay: TestRelay, room: string): string {
  const reader = new StoreReader(relay.dbFile);
  try {
    return reader.doc(room).getText('t').toString();
  } finally {
    reader.close();
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup() {
  const tmp = makeTempDir();
  const relay = await TestRelay.start(tmp.dir);
  cleanups.push(tmp.remove, () => relay.close());
  return relay;
}

function client(relay: TestRelay, room: string, store = memoryStore(), doc = new Y.Doc()) {
  let changes = 0;
  const tracker = new SaveTracker(store, () => changes++);
  const tracked: TrackedProvider = createTrackedProvider(relay.syncUrl, room, doc, tracker, {
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: tokenFor(room)! }
  });
  (tracked.provider as unknown as { bcconnected: boolean }).bcconnected = false;
  cleanups.push(() => tracked.dispose());
  return { doc, tracker, tracked, store, changes: () => changes };
}

describe('the app knows which of its changes the server has stored', () => {
  it('AK2 local edits, deletions included, count as pending until the relay acknowledges them', async () => {
    const relay = await setup();
    const a = client(relay, 'ws1/ack-doc');
    await waitFor(() => a.tracked.provider.synced, 'the first sync finished');
    const text = a.doc.getText('t');
    text.insert(0, 'Круглый стол в библиотеке');
    text.insert(0, 'План: ');
    expect(a.tracker.pending).toBeGreaterThan(0);
    await waitFor(() => a.tracker.pending === 0, 'the inserts are acknowledged');

    // A deletion adds no struct (the state vector does not move) and must still be confirmed.
    text.delete(0, 6);
    expect(a.tracker.pending).toBe(1);
    await waitFor(() => a.tracker.pending === 0, 'the deletion is acknowledged');
    expect(storedText(relay, 'ws1/ack-doc')).toBe('Круглый стол в библиотеке');
    expect(a.store.value).toBe(0);
  });

  it('AK3 changes made while disconnected stay pending across a reload and settle after reconnecting', async () => {
    const relay = await setup();
    const first = client(relay, 'ws1/offline-doc');
    await waitFor(() => first.tracked.provider.synced, 'the first sync finished');
    first.tracked.provider.disconnect();
    const text = first.doc.getText('t');
    text.insert(0, 'Выставка работ учащихся');
    text.delete(0, 9);
    expect(first.tracker.pending).toBe(2);
    expect(first.store.value).toBe(2);

    // "Reload": a new tracker reads the persisted count; the doc state would come from IndexedDB.
    const saved = Y.encodeStateAsUpdate(first.doc);
    first.tracked.dispose();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, saved);
    const second = client(relay, 'ws1/offline-doc', memoryStore(first.store.value), doc);
    expect(second.tracker.pending).toBe(2);
    await waitFor(
      () => second.tracker.pending === 0,
      'the step 2 carrying the offline changes is acknowledged'
    );
    expect(storedText(relay, 'ws1/offline-doc')).toBe('работ учащихся');
  });

  it('AK4 a change in flight when the connection drops is not counted as saved until a later acknowledgement', async () => {
    const relay = await setup();
    const a = client(relay, 'ws1/drop-doc');
    await waitFor(() => a.tracked.provider.synced, 'the first sync finished');
    a.doc.getText('t').insert(0, 'Концерт');
    // Drop the connection before any acknowledgement can arrive.
    a.tracked.provider.disconnect();
    expect(a.tracker.pending).toBe(1);
    a.tracked.provider.connect();
    await waitFor(
      () => a.tracker.pending === 0,
      'the reconnect re-sent and the relay acknowledged'
    );
    expect(storedText(relay, 'ws1/drop-doc')).toBe('Концерт');
  });
});

/** Storage with localStorage's methods, in memory (Node has none). */
class MemoryStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.writes++;
    this.items.delete(key);
  }
}

describe('the stored count of unconfirmed changes', () => {
  it('AK8 a room starting or stopping to have unconfirmed changes is stored at once; a growing count once per frame', async () => {
    const storage = new MemoryStorage();
    const global = globalThis as { localStorage?: unknown };
    global.localStorage = storage;
    cleanups.push(() => delete global.localStorage);
    const store = localStorageCount('uzel:pending:w/d');
    expect(store.load()).toBe(0);

    store.save(1);
    expect(storage.getItem('uzel:pending:w/d')).toBe('1');
    for (let count = 2; count <= 30; count++) store.save(count);
    expect(storage.writes).toBe(1);
    await waitFor(() => storage.getItem('uzel:pending:w/d') === '30', 'the count written');
    expect(storage.writes).toBe(2);

    store.save(0);
    expect(storage.getItem('uzel:pending:w/d')).toBeNull();
    expect(localStorageCount('uzel:pending:w/d').load()).toBe(0);
  });
});
