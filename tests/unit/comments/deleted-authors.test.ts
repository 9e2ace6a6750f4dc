import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommentStore } from '../../../src/lib/shared/model/comments/CommentStore.ts';
import { withDeletedAuthors } from '../../../src/lib/shared/model/comments/deletedAuthors.ts';
import { merge, replica } from './fixture.ts';

const anna = { id: 'annaId', name: 'Анна Лобанова' };
const boris = { id: 'borisId', name: 'Борис Юрченко' };
const anchor = { start: new Uint8Array([1, 2, 3]), end: new Uint8Array([4, 5, 6]) };
const DELETED = 'Удалённый участник';

function discussion(store: CommentStore) {
  const id = store.create({ anchor, quote: 'выставка', author: boris, text: 'Когда?', now: 1 })!;
  store.reply(id, anna, 'В мае.', 2);
  store.reply(id, boris, 'Спасибо.', 3);
  store.resolve(id, boris, 4);
  return id;
}

describe('comments of a deleted account', () => {
  it('CM12 shown: every message, the thread and its resolution of a deleted author say «Удалённый участник»', () => {
    const store = new CommentStore(new Y.Doc());
    const id = discussion(store);
    const [shown] = withDeletedAuthors(store.threads(), (id) => id === boris.id, DELETED);
    expect(shown!.author).toEqual({ id: boris.id, name: DELETED });
    expect(shown!.resolved!.by.name).toBe(DELETED);
    expect(shown!.messages.map((m) => m.author.name)).toEqual([DELETED, anna.name, DELETED]);
    // The document itself is untouched by showing.
    expect(store.get(id)!.author.name).toBe(boris.name);
  });

  it('CM12 rewritten: renaming by id changes only that author, keeps ids, and merges with a reply written meanwhile', () => {
    const server = new CommentStore(new Y.Doc());
    const id = discussion(server);
    const device = new CommentStore(replica(server.doc));
    device.reply(id, boris, 'Ещё вопрос.', 5);

    expect(server.renameAuthor(boris.id, DELETED)).toBe(true);
    expect(server.renameAuthor(boris.id, DELETED)).toBe(false);
    merge(server.doc, device.doc);
    const thread = device.get(id)!;
    expect(thread.author).toEqual({ id: boris.id, name: DELETED });
    expect(thread.resolved!.by).toEqual({ id: boris.id, name: DELETED });
    // A reply that was not on the server when it rewrote keeps its name in the document (the
    // deleted person can no longer sync it); devices show it as deleted by id (first test).
    expect(thread.messages.map((m) => m.author.name)).toEqual([
      DELETED,
      anna.name,
      DELETED,
      boris.name
    ]);
  });
});
