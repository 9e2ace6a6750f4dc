import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isValidId } from '../../../src/lib/shared/model/ids.ts';
import {
  DocumentField,
  indexRoots,
  TITLE_MAX_LENGTH
} from '../../../src/lib/shared/model/schema.ts';
import { normaliseTitle, WorkspaceIndex } from '../../../src/lib/shared/model/WorkspaceIndex.ts';

/** Two replicas of one index, synced both ways as the relay would. */
function replicas() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'b' && Y.applyUpdate(b, u, 'a'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'a' && Y.applyUpdate(a, u, 'b'));
  return { a: new WorkspaceIndex(a), b: new WorkspaceIndex(b) };
}

describe('workspace index', () => {
  it('MD1 creates documents with ids the relay accepts in a room name', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const id = index.create('План проекта', 1000);
    expect(isValidId(id)).toBe(true);
    expect(index.get(id)).toMatchObject({
      id,
      title: 'План проекта',
      createdAt: 1000,
      updatedAt: 1000,
      deletedAt: null,
      type: 'note',
      parentId: null,
      tags: [],
      fields: {},
      links: [],
      template: false
    });
  });

  it('MD2 rename, delete to the bin and restore; deleting keeps the entry (a tombstone)', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const id = index.create('Черновик', 1000);
    index.rename(id, '  Отчёт  о   выставке \n', 2000);
    expect(index.get(id)?.title).toBe('Отчёт о выставке');
    expect(index.get(id)?.updatedAt).toBe(2000);
    index.delete(id, 3000);
    expect(index.get(id)?.deletedAt).toBe(3000);
    expect(index.all()).toHaveLength(1);
    index.restore(id);
    expect(index.get(id)?.deletedAt).toBeNull();
    expect(() => index.rename('missing', 'x')).toThrow(/No document/);
  });

  it('MD3 documents created offline on two replicas merge; a rename and a delete of one document both survive', () => {
    const { a, b } = replicas();
    const shared = a.create('Общий план', 1);
    a.doc.transact(() => undefined);
    const offlineA = new Y.Doc();
    Y.applyUpdate(offlineA, Y.encodeStateAsUpdate(a.doc));
    const offlineB = new Y.Doc();
    Y.applyUpdate(offlineB, Y.encodeStateAsUpdate(b.doc));
    const ia = new WorkspaceIndex(offlineA);
    const ib = new WorkspaceIndex(offlineB);
    const onlyA = ia.create('Мастер-класс', 2);
    const onlyB = ib.create('Семинар', 3);
    ia.rename(shared, 'Общий план (ред.)', 4);
    ib.delete(shared, 5);
    Y.applyUpdate(offlineA, Y.encodeStateAsUpdate(offlineB));
    Y.applyUpdate(offlineB, Y.encodeStateAsUpdate(offlineA));
    for (const index of [ia, ib]) {
      expect(index.get(onlyA)?.title).toBe('Мастер-класс');
      expect(index.get(onlyB)?.title).toBe('Семинар');
      expect(index.get(shared)).toMatchObject({ title: 'Общий план (ред.)', deletedAt: 5 });
    }
  });

  it('MD4 malformed entries written by a peer read as safe defaults', () => {
    const doc = new Y.Doc();
    const entry = new Y.Map<unknown>();
    entry.set(DocumentField.title, 42);
    entry.set(DocumentField.createdAt, 'yesterday');
    entry.set(DocumentField.deletedAt, 'soon');
    indexRoots.documents(doc).set('weird', entry);
    (indexRoots.documents(doc) as unknown as Y.Map<unknown>).set('not-a-map', 'text');
    const index = new WorkspaceIndex(doc);
    expect(index.all()).toEqual([
      {
        id: 'weird',
        title: '',
        createdAt: 0,
        updatedAt: 0,
        deletedAt: null,
        type: 'note',
        parentId: null,
        order: '',
        tags: [],
        fields: {},
        links: [],
        template: false
      }
    ]);
    expect(index.get('not-a-map')).toBeNull();
  });

  it('MD5 titles are one line and bounded', () => {
    expect(normaliseTitle('а'.repeat(500))).toHaveLength(TITLE_MAX_LENGTH);
    expect(normaliseTitle('Театр\nна\tокошке')).toBe('Театр на окошке');
  });

  it('MD6 the index notifies observers of local and remote changes', () => {
    const { a, b } = replicas();
    let seen = 0;
    const stop = b.observe(() => seen++);
    const id = a.create('Круглый стол', 1);
    a.rename(id, 'Круглый стол «Сетевое взаимодействие»', 2);
    expect(seen).toBe(2);
    stop();
    a.delete(id, 3);
    expect(seen).toBe(2);
  });
});
