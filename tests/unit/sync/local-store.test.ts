import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { LocalPersistence } from '../../../src/lib/sync/LocalPersistence.ts';
import { COMPACT_ENTRIES, compactIfLong, localDbName } from '../../../src/lib/sync/localRoom.ts';
import { SLICE_STRUCTS } from '../../../src/lib/shared/protocol/stateSlices.ts';

const ROOM = 'ws/doc';
const NAME = localDbName(ROOM);

async function storedEntries(): Promise<Uint8Array[]> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const req = indexedDB.open(NAME);
    req.onsuccess = () => resolve(req.result);
  });
  const rows = await new Promise<Uint8Array[]>((resolve) => {
    const req = db.transaction('updates', 'readonly').objectStore('updates').getAll();
    req.onsuccess = () => resolve(req.result as Uint8Array[]);
  });
  db.close();
  return rows;
}

/** Opens the room as SyncedDoc does, edits it `edits` times, closes it. */
async function open(edits = 0): Promise<{ entries: number; text: string }> {
  const doc = new Y.Doc();
  const persistence = new LocalPersistence(NAME, doc);
  await persistence.whenSynced;
  await compactIfLong(persistence);
  for (let i = 0; i < edits; i++) doc.getText('body').insert(0, '+');
  const text = doc.getText('body').toString();
  await persistence.destroy();
  doc.destroy();
  return { entries: (await storedEntries()).length, text };
}

/** A workspace index of `count` entries, as the app writes them. */
function bigIndex(count: number): Y.Doc {
  const doc = new Y.Doc();
  const documents = doc.getMap<Y.Map<string>>('documents');
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const entry = new Y.Map<string>();
      documents.set(`doc${i}`, entry);
      entry.set('title', `Театр на окошке — ${i}`);
      entry.set('type', 'masterClass');
      entry.set('parent', `folder${i % 40}`);
    }
  });
  return doc;
}

describe('the local store of one document', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    globalThis.IDBKeyRange = IDBKeyRange;
  });

  it('WS14 opening without editing adds nothing; edits are merged on opening once they pile up, and the content stays', async () => {
    const first = await open();
    expect(first.entries).toBe(0);
    const doc = new Y.Doc();
    const persistence = new LocalPersistence(NAME, doc);
    await persistence.whenSynced;
    doc.getText('body').insert(0, 'Договор о сотрудничестве');
    await persistence.destroy();

    let last = await open();
    for (let i = 0; i < 10; i++) last = await open();
    expect(last.entries).toBe(1);

    for (let i = 0; i < 3 * COMPACT_ENTRIES; i++) {
      last = await open(1);
      expect(last.entries).toBeLessThanOrEqual(COMPACT_ENTRIES + 2);
    }
    expect(last.text).toBe('+'.repeat(3 * COMPACT_ENTRIES) + 'Договор о сотрудничестве');
  });

  it('WS17 a copy y-indexeddb wrote opens here, and a copy written here opens in y-indexeddb', async () => {
    const written = new Y.Doc();
    const theirs = new IndexeddbPersistence(NAME, written);
    await theirs.whenSynced;
    written.getText('body').insert(0, 'Народная тряпичная кукла');
    await theirs.destroy();

    const doc = new Y.Doc();
    const ours = new LocalPersistence(NAME, doc);
    await ours.whenSynced;
    expect(doc.getText('body').toString()).toBe('Народная тряпичная кукла');
    doc.getText('body').insert(0, 'Мастер-класс: ');
    await ours.merge();
    await ours.destroy();

    const reread = new Y.Doc();
    const again = new IndexeddbPersistence(NAME, reread);
    await again.whenSynced;
    expect(reread.getText('body').toString()).toBe('Мастер-класс: Народная тряпичная кукла');
    await again.destroy();
  });

  it('WS17 a large copy is stored in slices and read back a slice per task, with the event loop running in between', async () => {
    const source = bigIndex(6000);
    const writer = new LocalPersistence(NAME, source);
    await writer.whenSynced; // the doc's state, written as slices when attached
    await writer.destroy();
    const entries = await storedEntries();
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries)
      expect(Y.decodeUpdate(entry).structs.length).toBeLessThanOrEqual(SLICE_STRUCTS);

    // A task that counts turns of the event loop while the copy is read.
    let turns = 0;
    let reading = true;
    const tick = () => {
      turns++;
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    const doc = new Y.Doc();
    const turnsAtEachSlice: number[] = [];
    const reader = new LocalPersistence(NAME, doc);
    doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === reader) turnsAtEachSlice.push(turns);
    });
    await reader.whenSynced;
    reading = false;
    expect(doc.getMap('documents').size).toBe(6000);
    expect(new Set(turnsAtEachSlice).size).toBeGreaterThan(1);
    expect(doc.getMap('documents').toJSON()).toEqual(source.getMap('documents').toJSON());
    await reader.destroy();
  });

  it('WS17 merging keeps what another tab stored meanwhile, and edits made while the copy is read', async () => {
    const a = new Y.Doc();
    const tabA = new LocalPersistence(NAME, a);
    await tabA.whenSynced;
    a.getMap('documents').set('first', 'Отчёт о мероприятии');

    const b = new Y.Doc();
    const tabB = new LocalPersistence(NAME, b);
    b.getMap('documents').set('early', 'Краеведческая справка'); // before B has read anything
    await tabB.whenSynced;
    expect(b.getMap('documents').get('first')).toBe('Отчёт о мероприятии');
    b.getMap('documents').set('second', 'План проекта');

    await tabA.merge(); // reads B's entries in before replacing the store
    await tabA.destroy();
    await tabB.destroy();

    const c = new Y.Doc();
    const tabC = new LocalPersistence(NAME, c);
    await tabC.whenSynced;
    expect(c.getMap('documents').toJSON()).toEqual({
      first: 'Отчёт о мероприятии',
      early: 'Краеведческая справка',
      second: 'План проекта'
    });
    await tabC.destroy();
  });
});
