import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Accounts } from '../../../server/accounts/Accounts.ts';
import { DELETED_MEMBER_NAME } from '../../../server/accounts/AccountDeletion.ts';
import { openAccountStores } from '../../../server/accounts/store/openAccountStores.ts';
import { migratePostgres } from '../../../server/db/migrations.ts';
import { History } from '../../../server/history/History.ts';
import { HISTORY_SCHEMA } from '../../../server/history/historySchema.ts';
import type { HistoryStore } from '../../../server/history/HistoryStore.ts';
import { openHistoryStore } from '../../../server/history/openHistoryStore.ts';
import { createLogger } from '../../../server/log.ts';
import { committedDoc } from '../../../server/publishing/serverDoc.ts';
import { RoomRegistry } from '../../../server/relay/RoomRegistry.ts';
import { SqliteStorage } from '../../../server/storage/SqliteStorage.ts';
import { CommentStore } from '../../../src/lib/shared/model/comments/CommentStore.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { ENGINE_KINDS, engineUnderTest, type EngineUnderTest } from '../helpers/engines.ts';
import { messageType, syncPayload, syncStep1Frame } from '../helpers/frames.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { waitFor } from '../helpers/wait.ts';
import { OPTIONS } from '../history/keeperFixture.ts';
import { ApiServer, PASSWORD, type ApiClient } from './apiServer.ts';

const DOC = 'doc-kukla';
const anchor = { start: new Uint8Array([1]), end: new Uint8Array([2]) };

/** A websocket to the document, signed in with this client's session, that asked for its state. */
async function watch(api: ApiServer, client: ApiClient, workspaceId: string) {
  const url = `${api.url.replace(/^http/, 'ws')}/sync/${workspaceId}/${DOC}?token=`;
  const socket = await RawClient.open(url, { headers: { cookie: client.cookie! } });
  await socket.next((f) => messageType(f) === 0, 'the connection is admitted');
  socket.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
  return socket;
}

describe('a deleted account in the documents', () => {
  const defer = deferCleanup();

  it('AC31 deleting an account rewrites its comment names to «Удалённый участник» by a Yjs update that open documents receive', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const member = await api.member(owner.client, workspaceId, 'editor', 'Дарья Уходящая');
    const room = `${workspaceId}/${DOC}`;

    // Дарья comments and resolves, Анна (the owner) replies; written as each of them.
    const draft = new Y.Doc();
    const comments = new CommentStore(draft);
    const darya = { id: member.id, name: 'Дарья Уходящая' };
    const thread = comments.create({
      anchor,
      quote: 'кукла',
      author: darya,
      text: 'Добавить фото?'
    })!;
    comments.resolve(thread, darya);
    await api.server.registry.submitDetached(room, Y.encodeStateAsUpdate(draft), member.id);
    // The owner's device: a copy of its own (each Yjs client id belongs to one person).
    const ownersCopy = new Y.Doc();
    Y.applyUpdate(ownersCopy, Y.encodeStateAsUpdate(draft));
    new CommentStore(ownersCopy).reply(
      thread,
      { id: owner.id, name: 'Анна Лобанова' },
      'Да, два снимка.'
    );
    const reply = Y.encodeStateAsUpdate(ownersCopy, Y.encodeStateVector(draft));
    await api.server.registry.submitDetached(room, reply, owner.id);

    const open = await watch(api, owner.client, workspaceId);
    defer(() => open.terminate());
    const copy = new Y.Doc();
    let applied = 0;
    /** Applies what the open connection has received so far; true once `ready` holds. */
    const caughtUp = (ready: () => boolean) => {
      for (; applied < open.received.length; applied++) {
        const payload = syncPayload(open.received[applied]!);
        if (payload) Y.applyUpdate(copy, payload);
      }
      return ready();
    };
    const read = () => new CommentStore(copy).get(thread);
    await waitFor(() => caughtUp(() => read() !== null), 'the document arrives');
    expect(read()!.author.name).toBe('Дарья Уходящая');

    const gone = await member.client.request('DELETE', '/api/me', { password: PASSWORD });
    expect(gone.status).toBe(204);

    // The open copy hears of it as of any edit.
    await waitFor(
      () => caughtUp(() => read()!.author.name === DELETED_MEMBER_NAME),
      'the rename arrives'
    );
    expect(read()!.messages.map((m) => m.author.name)).toEqual([
      DELETED_MEMBER_NAME,
      'Анна Лобанова'
    ]);
    expect(read()!.resolved?.by.name).toBe(DELETED_MEMBER_NAME);
    expect(read()!.author.id).toBe(member.id);

    // And what the server keeps says so too.
    const stored = await committedDoc(api.server.registry, api.server.storage, room);
    defer(() => stored.destroy());
    expect(new CommentStore(stored).get(thread)!.messages[0]!.author.name).toBe(
      DELETED_MEMBER_NAME
    );
    const members = await owner.client.get(`/api/workspaces/${workspaceId}/members`);
    expect(members.json.deleted).toEqual([member.id]);
  });
});

/** AC30: a deleted person's versions say «Удалённый участник», on both engines. */
describe.each(ENGINE_KINDS)('AC30 history of a deleted author: %s', (kind) => {
  let under: EngineUnderTest;
  let store: HistoryStore;
  let accounts: Accounts;
  let storage: SqliteStorage;
  let registry: RoomRegistry;
  let history: History;

  beforeEach(async () => {
    under = await engineUnderTest(kind);
    store = await openHistoryStore(under.engine);
    accounts = new Accounts({
      dataDir: under.dataDir,
      store: await openAccountStores(under.engine),
      sessionTtlMs: 3_600_000,
      syncTokenTtlMs: 60_000
    });
    storage = new SqliteStorage(path.join(under.dataDir, 'uzel.sqlite'));
    const log = createLogger('silent');
    registry = new RoomRegistry(storage, log, { idleMs: 60_000, compactAfterUpdates: 1000 });
    history = new History({ store, storage, registry, accounts, log, options: OPTIONS });
  });

  afterEach(async () => {
    await history.close();
    await registry.close();
    await storage.close();
    await accounts.close();
    await under.destroy();
  });

  const person = (n: string, displayName: string) =>
    accounts.register({ email: `${n}@example.org`, password: PASSWORD, displayName });

  it('AC30 after deletion the list names the author «Удалённый участник», and the stored name is erased', async () => {
    const owner = await person('owner', 'Анна Лобанова');
    const irina = await person('irina', 'Ирина Ёлкина');
    const ws = await accounts.createWorkspace('Сеть учреждений', owner.id);
    const invite = await accounts.createInvite(owner.id, ws.id, {
      role: 'editor',
      expiresInHours: 1,
      maxUses: 1
    });
    await accounts.acceptInvite(irina.id, invite.token);
    const room = `${ws.id}/${DOC}`;
    const text = new Y.Doc();
    text.getXmlFragment('content').insert(0, [new Y.XmlText('Народная кукла')]);
    await registry.submitDetached(room, Y.encodeStateAsUpdate(text), irina.id);
    // Kept before ids were: only a name, which nothing ties to an account any more.
    await store.add(room, {
      createdAt: 1,
      kind: 'auto',
      name: null,
      savedBy: null,
      authors: [{ id: '', name: 'Ирина Ёлкина' }],
      state: Y.encodeStateAsUpdate(text)
    });
    history.keeper.edited(room, [
      { id: irina.id, name: 'Ирина Ёлкина' },
      { id: owner.id, name: 'Анна Лобанова' }
    ]);
    const saved = await history.saveNamed(irina.id, ws.id, DOC, 'Перед семинаром');
    expect(saved).toMatchObject({ savedBy: 'Ирина Ёлкина' });

    await accounts.deletion.deleteOwn(irina, PASSWORD);
    const [named, old] = await history.list(owner.id, ws.id, DOC);
    expect(named).toMatchObject({
      id: saved.id,
      savedBy: DELETED_MEMBER_NAME,
      authors: [DELETED_MEMBER_NAME, 'Анна Лобанова']
    });
    // The decision for old rows: the name they were saved under stays (see History.#shown).
    expect(old!.authors).toEqual(['Ирина Ёлкина']);

    // What is stored forgets the name too, keeping the id.
    await history.forget(irina.id);
    expect((await store.get(room, saved.id))?.savedBy).toEqual({
      id: irina.id,
      name: DELETED_MEMBER_NAME
    });
    expect(JSON.stringify(await store.list(room))).not.toContain(
      `"id":"${irina.id}","name":"Ирина`
    );
  });
});

describe('AC30 history tables of the previous release on PostgreSQL', () => {
  it('AC30 upgrade in place: old rows keep their names, with no ids, beside new rows with ids', async () => {
    const under = await engineUnderTest('postgres');
    try {
      if (under.engine.kind !== 'postgres') throw new Error('PostgreSQL expected');
      const pool = under.engine.pool;
      // Schema 1 only, as the previous release left it (ES1 does the same for history.sqlite).
      const previous = {
        ...HISTORY_SCHEMA,
        sqlite: [HISTORY_SCHEMA.sqlite[0]!],
        postgres: [HISTORY_SCHEMA.postgres[0]!]
      };
      await migratePostgres(pool, previous);
      await pool.query(
        `INSERT INTO history_versions (room, created_at, kind, name, saved_by, authors, state)
         VALUES ('ws/doc', 5, 'named', 'До правки', 'Анна', '["Анна"]', '\\x0102')`
      );
      const upgraded = await openHistoryStore(under.engine);
      try {
        await upgraded.add('ws/doc', {
          createdAt: 6,
          kind: 'auto',
          name: null,
          savedBy: null,
          authors: [{ id: 'anna-1', name: 'Анна' }],
          state: new Uint8Array([3])
        });
        const [added, old] = await upgraded.list('ws/doc');
        expect(old).toMatchObject({
          savedBy: { id: '', name: 'Анна' },
          authors: [{ id: '', name: 'Анна' }]
        });
        expect(added!.authors).toEqual([{ id: 'anna-1', name: 'Анна' }]);
      } finally {
        await upgraded.close();
      }
    } finally {
      await under.destroy();
    }
  });
});
