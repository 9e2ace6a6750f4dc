import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CommentStore } from '../../../src/lib/shared/model/comments/CommentStore.ts';
import { mentionToken } from '../../../src/lib/shared/model/comments/mentions.ts';
import { inboxItems } from '../../../src/lib/shared/model/notifications/inbox.ts';
import { NotificationReads } from '../../../src/lib/shared/model/notifications/NotificationReads.ts';
import { docWith, merge, replica } from './fixture.ts';

const anna = { id: 'anna-id', name: 'Анна Лобанова' };
const boris = { id: 'boris-id', name: 'Борис Юрченко' };
const vera = { id: 'vera-id', name: 'Вера Гончарова' };
const anchor = { start: new Uint8Array([1]), end: new Uint8Array([2]) };

describe('the notifications inbox', () => {
  it('NT1 a mention of a person and a reply in a thread they wrote in reach them; their own messages and others’ threads do not', () => {
    const doc = docWith('Выставка работ в библиотеке им. Лиханова.');
    const store = new CommentStore(doc);
    const annas = store.create({
      anchor,
      quote: 'выставка',
      author: anna,
      text: 'Когда?',
      now: 1
    })!;
    store.reply(annas, boris, 'В марте.', 2);
    store.reply(annas, anna, 'Спасибо.', 3);
    const boriss = store.create({
      anchor,
      quote: 'библиотеке',
      author: boris,
      text: 'Адрес?',
      now: 4
    })!;
    store.reply(boriss, vera, `${mentionToken(anna.id)} знает адрес.`, 5);
    store.reply(boriss, boris, 'Хорошо.', 6);

    const items = inboxItems('doc1', store.threads(), anna.id);
    expect(items.map((i) => [i.kind, i.author.name, i.text])).toEqual([
      ['mention', 'Вера Гончарова', `${mentionToken(anna.id)} знает адрес.`],
      ['reply', 'Борис Юрченко', 'В марте.']
    ]);
    expect(items[0]).toMatchObject({ docId: 'doc1', threadId: boriss, quote: 'библиотеке' });
    // Vera wrote in Boris's thread: his later reply reaches her; nothing in Anna's thread does.
    expect(inboxItems('doc1', store.threads(), vera.id).map((i) => i.text)).toEqual(['Хорошо.']);
  });

  it('NT2 read marks live in the index, merge across devices, and «all read» covers what came before', () => {
    const tablet = new Y.Doc();
    const computer = replica(tablet);
    const onTablet = new NotificationReads(tablet);
    const onComputer = new NotificationReads(computer);
    const first = { id: 'm1', createdAt: 10 };
    const second = { id: 'm2', createdAt: 20 };
    const later = { id: 'm3', createdAt: 30 };

    onTablet.markRead(anna.id, first.id);
    onComputer.markRead(anna.id, second.id);
    merge(tablet, computer);
    for (const reads of [onTablet, onComputer]) {
      expect(reads.isRead(anna.id, first)).toBe(true);
      expect(reads.isRead(anna.id, second)).toBe(true);
      expect(reads.isRead(anna.id, later)).toBe(false);
      expect(reads.isRead(boris.id, first)).toBe(false);
    }
    onComputer.markAllRead(anna.id, 30);
    merge(tablet, computer);
    expect(onTablet.isRead(anna.id, later)).toBe(true);
    expect(onTablet.isRead(anna.id, { id: 'm4', createdAt: 31 })).toBe(false);
  });
});
