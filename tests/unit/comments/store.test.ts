import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommentStore } from '../../../src/lib/shared/model/comments/CommentStore.ts';
import {
  encodeMentions,
  mentionToken,
  splitMentions
} from '../../../src/lib/shared/model/comments/mentions.ts';
import {
  COMMENT_NAME_MAX_LENGTH,
  COMMENT_QUOTE_MAX_LENGTH,
  COMMENT_TEXT_MAX_LENGTH,
  MessageField,
  ThreadField
} from '../../../src/lib/shared/model/comments/types.ts';
import { documentRoots } from '../../../src/lib/shared/model/schema.ts';
import { anchoredText, docWith, merge, replica } from './fixture.ts';

const anna = { id: 'annaId', name: 'Анна Лобанова' };
const boris = { id: 'borisId', name: 'Борис Юрченко' };
const anchor = { start: new Uint8Array([1, 2, 3]), end: new Uint8Array([4, 5, 6]) };

function opened(store: CommentStore, text = 'Нужна дата выставки.') {
  return store.create({ anchor, quote: 'выставка', author: anna, text, now: 1000 })!;
}

describe('comment threads', () => {
  it('CM1 a thread opens with its comment, takes replies, resolves and reopens', () => {
    const store = new CommentStore(new Y.Doc());
    const id = opened(store);
    store.reply(id, boris, `${mentionToken(anna.id)}, 14 марта подойдёт?`, 2000);
    store.resolve(id, boris, 3000);
    let thread = store.get(id)!;
    expect(thread).toMatchObject({
      id,
      quote: 'выставка',
      author: anna,
      createdAt: 1000,
      resolved: { by: boris, at: 3000 }
    });
    expect(thread.anchor).toEqual(anchor);
    expect(thread.messages.map((m) => [m.author.name, m.text, m.mentions])).toEqual([
      ['Анна Лобанова', 'Нужна дата выставки.', []],
      ['Борис Юрченко', '<@annaId>, 14 марта подойдёт?', ['annaId']]
    ]);
    store.reopen(id);
    thread = store.get(id)!;
    expect(thread.resolved).toBeNull();
  });

  it('CM1 an empty comment or reply is refused', () => {
    const store = new CommentStore(new Y.Doc());
    expect(opened(store, '  \n ')).toBeNull();
    const id = opened(store);
    expect(store.reply(id, boris, '   ')).toBeNull();
    expect(store.reply('no-such-thread', boris, 'Текст')).toBeNull();
    expect(store.threads()).toHaveLength(1);
  });

  it('CM11 deleting: a reply goes; the opening comment stays a tombstone while replies follow it', () => {
    const store = new CommentStore(new Y.Doc());
    const lone = opened(store);
    store.deleteMessage(lone, store.get(lone)!.messages[0]!.id);
    expect(store.get(lone)).toBeNull();

    const id = opened(store);
    const replyId = store.reply(id, boris, 'Согласен.')!;
    store.deleteMessage(id, store.get(id)!.messages[0]!.id);
    expect(store.get(id)!.messages.map((m) => [m.deleted, m.text])).toEqual([
      [true, ''],
      [false, 'Согласен.']
    ]);
    store.deleteMessage(id, replyId);
    expect(store.get(id)).toBeNull();
  });

  it('CM11 a reply written offline to a thread deleted meanwhile is kept, and brings the thread back', () => {
    const a = docWith('Цель: познакомить учащихся с народной культурой.');
    const id = opened(new CommentStore(a));
    const b = replica(a);
    // Anna deletes her only comment; Boris, offline, answers it.
    const annaStore = new CommentStore(a);
    annaStore.deleteMessage(id, annaStore.get(id)!.messages[0]!.id);
    expect(annaStore.get(id)).toBeNull();
    new CommentStore(b).reply(id, boris, 'Дата — 14 марта.', 2000);
    merge(a, b);
    for (const doc of [a, b]) {
      const thread = new CommentStore(doc).get(id)!;
      expect(thread.messages.map((m) => [m.deleted, m.text])).toEqual([
        [true, ''],
        [false, 'Дата — 14 марта.']
      ]);
    }
  });

  it('CM1 threads and replies from two devices merge, also when made offline', () => {
    const a = docWith('Цель: познакомить учащихся с народной культурой.');
    const b = replica(a);
    const first = opened(new CommentStore(a));
    merge(a, b);
    new CommentStore(a).reply(first, anna, 'Дополню позже.', 2000);
    new CommentStore(b).reply(first, boris, 'Дата — 14 марта.', 2001);
    new CommentStore(b).resolve(first, boris, 2002);
    const second = new CommentStore(b).create({
      anchor,
      quote: 'цель',
      author: boris,
      text: 'Сформулировать короче?',
      now: 2003
    });
    merge(a, b);
    for (const doc of [a, b]) {
      const threads = new CommentStore(doc).threads();
      expect(threads.map((t) => t.id)).toEqual([first, second]);
      expect(threads[0]!.messages.map((m) => m.text).sort()).toEqual(
        ['Дата — 14 марта.', 'Дополню позже.', 'Нужна дата выставки.'].sort()
      );
      expect(threads[0]!.resolved?.by).toEqual(boris);
    }
  });

  it('CM2 what a peer writes is bounded: text, quote, names, mentions', () => {
    const store = new CommentStore(new Y.Doc());
    const id = store.create({
      anchor,
      quote: 'ы'.repeat(5000),
      author: { id: 'x', name: 'Имя\n'.repeat(100) },
      text: 'ж'.repeat(10_000)
    })!;
    const thread = store.get(id)!;
    expect(thread.quote.length).toBe(COMMENT_QUOTE_MAX_LENGTH);
    expect(thread.author.name.length).toBeLessThanOrEqual(COMMENT_NAME_MAX_LENGTH);
    expect(thread.author.name).not.toContain('\n');
    expect(thread.messages[0]!.text.length).toBe(COMMENT_TEXT_MAX_LENGTH);
  });

  it('CM2 malformed threads written by a raw peer read as safe values or are skipped', () => {
    const doc = docWith('Текст документа.');
    const root = documentRoots.comments(doc);
    const store = new CommentStore(doc);
    const good = opened(store);
    doc.transact(() => {
      root.set('number', 42);
      root.set('string', '<img src=x onerror=alert(1)>');
      root.set('noReplies', new Y.Map());
      const wrongReplies = new Y.Map<unknown>();
      wrongReplies.set(ThreadField.replies, 'not an array');
      root.set('wrongReplies', wrongReplies);
      const weird = new Y.Map<unknown>();
      weird.set(ThreadField.anchorStart, 'not bytes');
      weird.set(ThreadField.anchorEnd, new Uint8Array(10_000));
      weird.set(ThreadField.createdAt, -5);
      weird.set(ThreadField.authorName, { toString: 'x' });
      weird.set(ThreadField.resolvedAt, 'yesterday');
      const replies = new Y.Array<unknown>();
      const message = new Y.Map<unknown>();
      message.set(MessageField.text, 'Читаемый ответ');
      message.set(MessageField.createdAt, Number.NaN);
      message.set(MessageField.mentions, ['<script>', 7]);
      replies.push([17, 'text', null, message, new Y.Map()]);
      weird.set(ThreadField.replies, replies);
      root.set('weird', weird);
    });
    const threads = store.threads();
    expect(threads.map((t) => t.id).sort()).toEqual([good, 'weird'].sort());
    const weird = store.get('weird')!;
    expect(weird).toMatchObject({
      anchor: null,
      quote: '',
      author: { id: '', name: '' },
      createdAt: 0,
      resolved: null
    });
    expect(weird.messages).toHaveLength(1);
    expect(weird.messages[0]).toMatchObject({ text: 'Читаемый ответ', createdAt: 0, mentions: [] });
    // Garbage anchor bytes resolve to "orphaned", never to a throw or a wrong range.
    expect(anchoredText(doc, { start: new Uint8Array([255, 255, 1]), end: anchor.end })).toBeNull();
    expect(anchoredText(doc, anchor)).toBeNull();
    // The store keeps working on top of the garbage.
    expect(store.reply('weird', boris, 'Ответ')).not.toBeNull();
    expect(store.reply('string', boris, 'Ответ')).toBeNull();
  });

  it('CM6 mentions are stored as member ids and read back as parts', () => {
    const text = encodeMentions('@Анна Лобанова, посмотрите; @Анна тоже', [
      { id: 'a1', name: 'Анна' },
      { id: 'a2', name: 'Анна Лобанова' },
      { id: 'bad id', name: 'Кто-то' }
    ]);
    expect(text).toBe('<@a2>, посмотрите; <@a1> тоже');
    expect(splitMentions(text)).toEqual([
      { kind: 'mention', id: 'a2' },
      { kind: 'text', text: ', посмотрите; ' },
      { kind: 'mention', id: 'a1' },
      { kind: 'text', text: ' тоже' }
    ]);
  });
});
