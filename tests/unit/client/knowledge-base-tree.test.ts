import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Favourites } from '../../../src/lib/shared/model/favourites.ts';
import { InvalidValueError } from '../../../src/lib/shared/model/fieldValues.ts';
import { DocumentField, indexRoots } from '../../../src/lib/shared/model/schema.ts';
import type { DocumentTree } from '../../../src/lib/shared/model/tree.ts';
import { MoveError, WorkspaceIndex } from '../../../src/lib/shared/model/WorkspaceIndex.ts';

/** Two replicas that work apart (offline) until `exchange()` sends each the other's updates. */
function pair() {
  const a = new WorkspaceIndex(new Y.Doc());
  const b = new WorkspaceIndex(new Y.Doc());
  const exchange = () => {
    const fromA = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc));
    const fromB = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc));
    Y.applyUpdate(b.doc, fromA);
    Y.applyUpdate(a.doc, fromB);
  };
  return { a, b, exchange };
}

/** The shape of a tree: each document's shown parent and its place among siblings. */
function shape(tree: DocumentTree): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (parentId: string | null) => {
    tree.childrenOf(parentId).forEach((m, i) => {
      out[m.id] = `${parentId ?? 'top'}#${i}`;
      walk(m.id);
    });
  };
  walk(null);
  return out;
}

const titles = (tree: DocumentTree, parentId: string | null) =>
  tree.childrenOf(parentId).map((m) => m.title);

describe('knowledge base tree', () => {
  it('KB1 documents go into collections in order; a move before or after a sibling writes one key', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const folder = index.create('Методические разработки', { type: 'collection' });
    const a = index.create('Народная кукла', { type: 'methodology', parentId: folder });
    const b = index.create('Театр на окошке', { parentId: folder });
    const c = index.create('Краеведческий час', { parentId: folder, position: { beforeId: a } });
    expect(titles(index.tree(), folder)).toEqual([
      'Краеведческий час',
      'Народная кукла',
      'Театр на окошке'
    ]);
    const before = index.get(a)!.order;
    index.move(b, folder, { afterId: c });
    expect(titles(index.tree(), folder)).toEqual([
      'Краеведческий час',
      'Театр на окошке',
      'Народная кукла'
    ]);
    expect(index.get(a)!.order).toBe(before);
    index.move(c, null);
    expect(titles(index.tree(), null)).toEqual(['Методические разработки', 'Краеведческий час']);
    expect(
      index
        .tree()
        .pathOf(a)
        .map((m) => m.id)
    ).toEqual([folder]);
  });

  it('KB2 concurrent moves A into B and B into A converge to one tree without a cycle or a lost document', () => {
    const { a, b, exchange } = pair();
    const x = a.create('Коллекция X', { type: 'collection' });
    const y = a.create('Коллекция Y', { type: 'collection' });
    exchange();
    a.move(x, y);
    b.move(y, x);
    exchange();
    const treeA = a.tree();
    expect(shape(treeA)).toEqual(shape(b.tree()));
    expect(Object.keys(shape(treeA)).sort()).toEqual([x, y].sort());
    // The cycle breaks at the smaller id, which goes to the top with the other inside it.
    const [first, second] = [x, y].sort() as [string, string];
    expect(treeA.parentOf(first)).toBeNull();
    expect(treeA.parentOf(second)).toBe(first);
  });

  it('KB3 a local move into itself or into a document inside it is refused', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const top = index.create('Проекты', { type: 'collection' });
    const inner = index.create('2024', { type: 'collection', parentId: top });
    expect(() => index.move(top, top)).toThrow(MoveError);
    expect(() => index.move(top, inner)).toThrow(MoveError);
    expect(() => index.move(inner, 'missing')).toThrow(MoveError);
    expect(index.tree().parentOf(inner)).toBe(top);
  });

  it('KB4 a move into a collection deleted at the same time goes to the bin with it and returns on restore', () => {
    const { a, b, exchange } = pair();
    const folder = a.create('Отчёты', { type: 'collection' });
    const doc = a.create('Отчёт о выставке');
    exchange();
    a.move(doc, folder);
    b.delete(folder, 10);
    exchange();
    for (const index of [a, b]) {
      const tree = index.tree();
      expect(tree.isInBin(doc)).toBe(true);
      expect(tree.binRoots().map((m) => m.id)).toEqual([folder]);
      expect(tree.descendants(folder)).toEqual([doc]);
    }
    b.restore(folder);
    exchange();
    expect(
      a
        .tree()
        .childrenOf(folder)
        .map((m) => m.id)
    ).toEqual([doc]);
  });

  it('KB5 deleting a collection takes its subtree to the bin; restoring brings it back; a document restored alone goes to the top', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const folder = index.create('Краеведение', { type: 'collection' });
    const sub = index.create('Памятники', { type: 'collection', parentId: folder });
    const doc = index.create('Справка о Шуховской башне', { parentId: sub });
    const separately = index.create('Черновик', { parentId: folder });
    index.delete(separately, 1);
    index.delete(folder, 2);
    let tree = index.tree();
    expect(tree.active()).toEqual([]);
    expect(tree.binRoots().map((m) => m.id)).toEqual([folder]);
    index.restore(folder);
    tree = index.tree();
    expect(
      tree
        .active()
        .map((m) => m.id)
        .sort()
    ).toEqual([folder, sub, doc].sort());
    expect(tree.binRoots().map((m) => m.id)).toEqual([separately]);
    index.delete(folder, 3);
    index.restore(doc);
    tree = index.tree();
    expect(tree.parentOf(doc)).toBeNull();
    expect(tree.active().map((m) => m.id)).toEqual([doc]);
  });

  it('KB6 two documents put at the same place at once sort the same on both peers; the next move re-keys them', () => {
    const { a, b, exchange } = pair();
    const first = a.create('Первый');
    const last = a.create('Последний');
    exchange();
    const fromA = a.create('От Анны', { position: { afterId: first } });
    const fromB = b.create('От Бориса', { position: { afterId: first } });
    exchange();
    expect(a.get(fromA)!.order).toBe(b.get(fromB)!.order);
    const order = titles(a.tree(), null);
    expect(titles(b.tree(), null)).toEqual(order);
    expect(order[0]).toBe('Первый');
    expect(order[3]).toBe('Последний');
    // Putting something between the tied pair cannot find a key between equal ones: re-keyed.
    const [tiedFirst] = a.tree().childrenOf(null).slice(1, 2);
    a.move(last, null, { afterId: tiedFirst!.id });
    const keys = a
      .tree()
      .childrenOf(null)
      .map((m) => m.order);
    expect(new Set(keys).size).toBe(4);
    expect([...keys].sort()).toEqual(keys);
    expect(titles(a.tree(), null)[2]).toBe('Последний');
  });

  it('KB7 malformed entries from a raw peer still show every document once', () => {
    const doc = new Y.Doc();
    const documents = indexRoots.documents(doc);
    const raw = (id: string, values: Record<string, unknown>) => {
      const entry = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(values)) entry.set(k, v);
      documents.set(id, entry);
    };
    raw('self', { title: 'Сам в себе', parentId: 'self' });
    raw('orphan', { title: 'Сирота', parentId: 'nowhere', order: 42 });
    raw('c1', { title: 'Круг 1', parentId: 'c3', order: '!!' });
    raw('c2', { title: 'Круг 2', parentId: 'c1' });
    raw('c3', { title: 'Круг 3', parentId: 'c2', type: 'no-such-type' });
    raw('under-template', { title: 'Под шаблоном', parentId: 'tpl', tags: 'junk', fields: 7 });
    raw('tpl', { title: 'Шаблон', template: true });
    (documents as unknown as Y.Map<unknown>).set('junk', 'not a map');
    const index = new WorkspaceIndex(doc);
    const tree = index.tree();
    const seen = Object.keys(shape(tree)).sort();
    expect(seen).toEqual(['c1', 'c2', 'c3', 'orphan', 'self', 'under-template']);
    expect(tree.parentOf('c1')).toBeNull();
    expect(tree.parentOf('c2')).toBe('c1');
    expect(tree.parentOf('c3')).toBe('c2');
    expect(index.get('c3')!.type).toBe('note');
    expect(index.get('under-template')).toMatchObject({ tags: [], fields: {} });
    // Malformed keys do not block moving next to them: the siblings get fresh keys.
    index.move('orphan', null, { beforeId: 'c1' });
    const order = index
      .tree()
      .childrenOf(null)
      .map((m) => m.id);
    expect(order.indexOf('orphan')).toBe(order.indexOf('c1') - 1);
  });

  it('KB8 structured fields merge field by field; values of the wrong kind are refused', () => {
    const { a, b, exchange } = pair();
    const id = a.create('Народная кукла', { type: 'methodology' });
    exchange();
    a.setField(id, 'direction', 'folkCulture');
    b.setField(id, 'audienceAge', '  7–10   лет ');
    exchange();
    expect(a.get(id)!.fields).toEqual({ direction: 'folkCulture', audienceAge: '7–10 лет' });
    expect(b.get(id)!.fields).toEqual(a.get(id)!.fields);
    expect(() => a.setField(id, 'direction', 'cooking')).toThrow(InvalidValueError);
    expect(() => a.setField(id, 'venue', 'Библиотека')).toThrow(InvalidValueError);
    a.setType(id, 'masterClass');
    expect(() => a.setField(id, 'date', '2024-02-30')).toThrow(InvalidValueError);
    a.setField(id, 'date', '2024-03-15');
    a.setField(id, 'audienceAge', '');
    expect(a.get(id)!.fields).toEqual({ direction: 'folkCulture', date: '2024-03-15' });
  });

  it('KB9 tags added on two devices at once are both kept, one spelling per tag', () => {
    const { a, b, exchange } = pair();
    const id = a.create('Театр на окошке');
    exchange();
    a.addTag(id, 'Театр');
    b.addTag(id, ' творческий   вечер ');
    b.addTag(id, 'театр');
    exchange();
    expect(a.get(id)!.tags.sort()).toEqual(['творческий вечер', 'театр']);
    a.removeTag(id, 'театр');
    exchange();
    expect(b.get(id)!.tags).toEqual(['творческий вечер']);
    expect(() => a.addTag(id, '   ')).toThrow(InvalidValueError);
  });

  it('KB10 a template is not part of the tree; turning a document into a template takes it out', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const folder = index.create('Папка', { type: 'collection' });
    const tpl = index.create('Шаблон отчёта', { type: 'eventReport', template: true });
    const doc = index.create('Отчёт', { parentId: folder });
    expect(index.tree().get(tpl)).toBeNull();
    index.setTemplate(doc, true);
    expect(index.tree().childrenOf(folder)).toEqual([]);
    expect(index.get(doc)).toMatchObject({ template: true, parentId: null });
    expect(
      index
        .all()
        .filter((m) => m.template)
        .map((m) => m.id)
        .sort()
    ).toEqual([doc, tpl].sort());
  });

  it('KB11 favourites belong to one person and merge across that person’s devices', () => {
    const tablet = new Y.Doc();
    const laptop = new Y.Doc();
    const onTablet = new Favourites(tablet);
    const onLaptop = new Favourites(laptop);
    onTablet.set('anna', 'doc1', true, 1);
    onLaptop.set('anna', 'doc2', true, 2);
    onLaptop.set('boris', 'doc1', true, 3);
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(tablet));
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(laptop));
    expect(onTablet.list('anna')).toEqual(['doc2', 'doc1']);
    expect(onTablet.list('boris')).toEqual(['doc1']);
    onLaptop.set('anna', 'doc2', false);
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(laptop));
    expect(onTablet.has('anna', 'doc2')).toBe(false);
    expect(() => onTablet.set('a/b', 'doc', true)).toThrow();
  });

  it('KB12 random concurrent moves on three peers always converge to one tree holding every document', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const peers = [0, 1, 2].map(() => new WorkspaceIndex(new Y.Doc()));
    const syncAll = () => {
      for (const from of peers) {
        for (const to of peers)
          if (from !== to) Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc));
      }
    };
    const ids = Array.from({ length: 12 }, (_, i) =>
      peers[0]!.create(`Раздел ${i}`, { type: 'collection' })
    );
    syncAll();
    for (let round = 0; round < 40; round++) {
      for (const peer of peers) {
        const id = ids[Math.floor(random() * ids.length)]!;
        const target = random() < 0.2 ? null : ids[Math.floor(random() * ids.length)]!;
        try {
          peer.move(id, target);
        } catch (error) {
          expect(error).toBeInstanceOf(MoveError);
        }
      }
      syncAll();
      const shapes = peers.map((p) => shape(p.tree()));
      expect(shapes[1]).toEqual(shapes[0]);
      expect(shapes[2]).toEqual(shapes[0]);
      expect(Object.keys(shapes[0]!).sort()).toEqual([...ids].sort());
    }
  });

  it('KB13 the order key and the nested maps are written for a new document, so peers never race to create them', () => {
    const index = new WorkspaceIndex(new Y.Doc());
    const id = index.create('Протокол', { tags: ['Семинар'], fields: {} });
    const entry = indexRoots.documents(index.doc).get(id)!;
    expect(entry.get(DocumentField.fields)).toBeInstanceOf(Y.Map);
    expect(entry.get(DocumentField.links)).toBeInstanceOf(Y.Map);
    expect(index.get(id)).toMatchObject({ tags: ['семинар'], order: 'a0' });
  });
});
