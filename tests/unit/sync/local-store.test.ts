import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { COMPACT_ENTRIES, compactIfLong, localDbName } from '../../../src/lib/sync/localRoom.ts';

const ROOM = 'ws/doc';

async function open(compact: boolean): Promise<{ entries: number; text: string }> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(localDbName(ROOM), doc);
  await persistence.whenSynced;
  if (compact) await compactIfLong(persistence);
  const entries = await new Promise<number>((resolve) => {
    const req = persistence.db!.transaction('updates', 'readonly').objectStore('updates').count();
    req.onsuccess = () => resolve(req.result);
  });
  const text = doc.getText('body').toString();
  await persistence.destroy();
  doc.destroy();
  return { entries, text };
}

describe('the local store of one document', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    globalThis.IDBKeyRange = IDBKeyRange;
  });

  it('WS14 y-indexeddb alone adds an entry on every open; with compaction on open the store stays bounded and keeps the content', async () => {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(localDbName(ROOM), doc);
    await persistence.whenSynced;
    doc.getText('body').insert(0, 'Договор о сотрудничестве');
    await persistence.destroy();

    let last = await open(false);
    for (let i = 0; i < 10; i++) last = await open(false);
    expect(last.entries).toBeGreaterThanOrEqual(12); // the growth this guards against

    for (let i = 0; i < 3 * COMPACT_ENTRIES; i++) {
      last = await open(true);
      expect(last.entries).toBeLessThanOrEqual(COMPACT_ENTRIES + 1);
    }
    expect(last.text).toBe('Договор о сотрудничестве');
  });
});
