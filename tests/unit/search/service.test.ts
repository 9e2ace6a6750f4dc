import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentRoots } from '../../../src/lib/shared/model/schema.ts';
import { plainTextOf } from '../../../src/lib/search/plainText.ts';
import { SearchService } from '../../../src/lib/search/SearchService.ts';
import { storedDocName } from '../../../src/lib/search/storedDocs.ts';
import type { IndexedMeta } from '../../../src/lib/search/types.ts';

const WS = 'ws1';

/** A document body shaped like Tiptap's: block elements holding formatted text. */
function richText(doc: Y.Doc, blocks: [string, string][]): void {
  const fragment = documentRoots.content(doc);
  doc.transact(() => {
    for (const [name, text] of blocks) {
      const element = new Y.XmlElement(name);
      const xmlText = new Y.XmlText();
      element.insert(0, [xmlText]);
      fragment.push([element]);
      xmlText.insert(0, text);
      xmlText.format(0, Math.min(5, text.length), { bold: true });
    }
  });
}

/** Stores a document the way the app does (y-indexeddb, database `uzel:<room>`). */
async function storeDoc(id: string, blocks: [string, string][]): Promise<void> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(storedDocName(WS, id), doc);
  await persistence.whenSynced;
  documentRoots.content(doc).delete(0, documentRoots.content(doc).length);
  richText(doc, blocks);
  // Transactions on a store run in order: once this one completes, y-indexeddb's writes are in.
  await new Promise<void>((resolve, reject) => {
    const tx = persistence.db!.transaction(['updates'], 'readonly');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.objectStore('updates').count();
  });
  await persistence.destroy();
  doc.destroy();
}

const meta = (id: string, title: string, updatedAt = 1, tags: string[] = []): IndexedMeta => ({
  id,
  title,
  type: 'note',
  tags,
  fieldText: '',
  updatedAt
});

const found = (service: SearchService, text: string) =>
  service.search({ text }).hits.map((h) => h.id);

let services: SearchService[] = [];
async function open(): Promise<SearchService> {
  const service = await SearchService.open({ idb: indexedDB, workspaceId: WS, saveDelayMs: 10 });
  services.push(service);
  return service;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  for (const s of services) s.close();
  services = [];
});

describe('search index kept on the device', () => {
  it('SR11 plain text follows the blocks of the document, marks dropped', () => {
    const doc = new Y.Doc();
    richText(doc, [
      ['heading', 'Мастер-класс «Роспись»'],
      ['paragraph', 'Педагог показывает приёмы.']
    ]);
    expect(plainTextOf(doc)).toBe('Мастер-класс «Роспись»\nПедагог показывает приёмы.');
  });

  it('SR11 text is read from the documents stored by y-indexeddb', async () => {
    await storeDoc('a', [['paragraph', 'Выставка в краеведческом музее.']]);
    const service = await open();
    await service.reconcile([meta('a', 'Выставка'), meta('b', 'Нет на устройстве')]);
    expect(found(service, 'музеи ')).toEqual(['a']);
    expect(found(service, 'устройстве ')).toEqual(['b']);
    // A document never stored here is not created by reading it (y-indexeddb would break).
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain(storedDocName(WS, 'a'));
    expect(names).not.toContain(storedDocName(WS, 'b'));
  });

  it('SR12 a reopened index is loaded, and only new, changed and gone documents are redone', async () => {
    await storeDoc('a', [['paragraph', 'Договор о сотрудничестве с библиотекой.']]);
    await storeDoc('b', [['paragraph', 'Творческий вечер в музее.']]);
    await storeDoc('c', [['paragraph', 'Концерт народной песни.']]);
    const first = await open();
    await first.reconcile([meta('a', 'Договор'), meta('b', 'Вечер'), meta('c', 'Концерт')]);
    await first.flush();
    first.close();

    // Unchanged «a» is not read again: its stored copy is gone, yet its text is still found.
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.deleteDatabase(storedDocName(WS, 'a'));
      r.onsuccess = () => resolve();
      r.onerror = () => reject(r.error);
    });
    await storeDoc('b', [['paragraph', 'Выставка рисунков.']]);
    await storeDoc('d', [['paragraph', 'Семинар для педагогов.']]);

    const second = await open();
    expect(second.status.restored).toBe(true);
    expect(second.status.indexed).toBe(3);
    expect(found(second, 'библиотеки ')).toEqual(['a']);
    await second.reconcile([
      meta('a', 'Договор'),
      meta('b', 'Вечер', 2), // changed since
      meta('d', 'Семинар') // new; «c» went to the bin
    ]);
    expect(found(second, 'библиотеки ')).toEqual(['a']);
    expect(found(second, 'рисунки ')).toEqual(['b']);
    expect(found(second, 'музей ')).toEqual([]);
    expect(found(second, 'педагоги ')).toEqual(['d']);
    expect(found(second, 'концерты ')).toEqual([]);
    await second.flush();
    second.close();

    const third = await open();
    expect(found(third, 'рисунки ')).toEqual(['b']);
    expect(found(third, 'концерты ')).toEqual([]);
  });

  it('SR12 a change of title or tags alone re-labels the document without reading it', async () => {
    await storeDoc('a', [['paragraph', 'Круглый стол.']]);
    const service = await open();
    await service.update([meta('a', 'Встреча')]);
    await service.update([meta('a', 'Встреча партнёров', 1, ['сеть'])]);
    expect(found(service, 'партнеров ')).toEqual(['a']);
    expect(service.search({ text: 'стол ', tags: ['сеть'] }).total).toBe(1);
  });

  it('SR13 documentChanged re-reads a document whose stored copy changed', async () => {
    await storeDoc('a', [['paragraph', 'Первая ступень.']]);
    const service = await open();
    await service.update([meta('a', 'Ступени')]);
    await storeDoc('a', [['paragraph', 'Вторая ступень: интернет-технологии.']]);
    expect(found(service, 'интернет ')).toEqual([]);
    await service.documentChanged(['a']);
    expect(found(service, 'интернет ')).toEqual(['a']);
    expect(found(service, 'интернет-технологиями ')).toEqual(['a']);
  });
});
