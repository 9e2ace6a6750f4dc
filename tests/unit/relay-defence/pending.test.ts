import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage } from '../../../server/storage/SqliteStorage.ts';
import { ApiServer } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { DocClient } from '../helpers/docClient.ts';
import { savedCount, syncStep2Frame, updateFrame } from '../helpers/frames.ts';
import { dbFileIn, makeTempDir, TestRelay } from '../helpers/relay.ts';
import { StoreReader } from '../helpers/storedDoc.ts';
import { waitFor } from '../helpers/wait.ts';
import { postBatch } from '../sync/batchHttp.ts';
import { deletionBomb, openAs, updateWithGap } from './attacks.ts';

const ROOM = 'ws-pending/plan';
/** What a client with nothing the room lacks answers to the server's step 1. */
const EMPTY_STEP2 = Y.encodeStateAsUpdate(new Y.Doc(), Y.encodeStateVector(new Y.Doc()));
const OTHER = 'ws-pending/other';

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('RL1 updates that would leave data pending are refused', () => {
  const defer = deferCleanup();
  let relay: TestRelay;

  beforeEach(async () => {
    relay = await TestRelay.startFresh(defer);
  });

  it('RL1 a deletion bomb for a client the room does not have closes the sender with 4422, stores nothing, and the same person goes on in another room', async () => {
    const bomber = await openAs(relay, ROOM, 'Ирина');
    const elsewhere = await openAs(relay, OTHER, 'Ирина');
    defer(() => bomber.close());
    defer(() => elsewhere.close());

    bomber.send(updateFrame(deletionBomb(20_000)));
    // Held until the step 2 (which could bring what it refers to); this one brings nothing.
    bomber.send(syncStep2Frame(EMPTY_STEP2));
    expect(await bomber.closed()).toEqual({
      code: 4422,
      reason: 'update refers to data the document does not have'
    });

    elsewhere.send(updateFrame(textUpdate('Протокол заседания')));
    await elsewhere.next((f) => savedCount(f) === 1, 'the edit in the other room is saved');
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    expect(store.counts(ROOM)).toEqual({ updates: 0, snapshots: 0 });
    expect(store.doc(OTHER).getText('body').toString()).toBe('Протокол заседания');
  });

  it('RL1 structs that start past what the room holds for their client are refused with 4422', async () => {
    const client = await openAs(relay, ROOM, 'Ирина');
    defer(() => client.close());
    client.send(updateFrame(updateWithGap()));
    client.send(syncStep2Frame(EMPTY_STEP2));
    expect((await client.closed()).code).toBe(4422);
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    expect(store.counts(ROOM)).toEqual({ updates: 0, snapshots: 0 });
  });

  it('RL1 after its instance died, a client’s keystroke sent before its step 2 builds on ones that were never stored: it is held, stored after the step 2 brings them, and acknowledged only then', async () => {
    // What the tablet typed: the first words went to an instance that died before storing them.
    const tablet = new Y.Doc();
    tablet.getText('body').insert(0, 'Выставка ');
    const lostVector = Y.encodeStateVector(tablet);
    tablet.getText('body').insert(9, 'в библиотеке');
    const typedAfter = Y.encodeStateAsUpdate(tablet, lostVector);

    const client = await openAs(relay, ROOM, 'Ирина');
    defer(() => client.close());
    // y-websocket sends a new keystroke at once; its step 2 only answers the server's step 1.
    client.send(updateFrame(typedAfter));
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    // Nothing is acknowledged while the keystroke waits for what it builds on.
    client.send(updateFrame(EMPTY_STEP2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.counts(ROOM).updates).toBe(0);
    client.send(syncStep2Frame(Y.encodeStateAsUpdate(tablet, Y.encodeStateVector(new Y.Doc()))));
    const { frame } = await client.next((f) => savedCount(f) !== null, 'the edits are saved');
    expect(savedCount(frame)).toBe(3);
    expect(store.doc(ROOM).getText('body').toString()).toBe('Выставка в библиотеке');
    expect(client.closedWith).toBeNull();
  });

  it('RL1 a client that holds back more than the bound before its step 2 is refused with 4422, nothing of it stored', async () => {
    const client = await openAs(relay, ROOM, 'Ирина');
    defer(() => client.close());
    for (let i = 0; i < 65; i++) client.send(updateFrame(updateWithGap()));
    expect((await client.closed()).code).toBe(4422);
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    expect(store.counts(ROOM)).toEqual({ updates: 0, snapshots: 0 });
  });

  it('RL1 ordinary editing of two people, deletions of each other’s text included, is never refused', async () => {
    const anna = new DocClient(relay.syncUrl, ROOM, { acks: true, as: { name: 'Анна' } });
    const boris = new DocClient(relay.syncUrl, ROOM, { acks: true, as: { name: 'Борис' } });
    defer(() => anna.destroy());
    defer(() => boris.destroy());
    await waitFor(() => anna.synced && boris.synced, 'both are synced');
    anna.text.insert(0, 'План работы кружка');
    await waitFor(() => boris.content === 'План работы кружка', 'Борис sees the text');
    boris.text.delete(0, 4);
    boris.text.insert(0, 'График');
    await waitFor(() => anna.content === 'График работы кружка', 'Анна sees the change');
    expect(anna.provider.wsconnected && boris.provider.wsconnected).toBe(true);
  });
});

describe('RL1 the batch sync refuses the same updates', () => {
  const defer = deferCleanup();

  it('RL1 a batch with a deletion bomb is refused whole with 422 pending_update; its valid entry is not stored either', async () => {
    const server = await ApiServer.start(defer);
    const { owner, workspaceId } = await server.workspace();
    const answer = await postBatch(owner.client, workspaceId, [
      {
        docId: 'fine',
        stateVector: Y.encodeStateVector(new Y.Doc()),
        update: textUpdate('Годовой отчёт')
      },
      { docId: 'bomb', stateVector: Y.encodeStateVector(new Y.Doc()), update: deletionBomb(5000) }
    ]);
    expect(answer.status).toBe(422);
    expect(answer.error?.error).toBe('pending_update');
    const store = new StoreReader(dbFileIn(server.dataDir));
    defer(() => store.close());
    expect(store.counts(`${workspaceId}/fine`)).toEqual({ updates: 0, snapshots: 0 });
    expect(store.counts(`${workspaceId}/bomb`)).toEqual({ updates: 0, snapshots: 0 });
  });
});

describe('RL2 a room stored with data that can never apply is repaired on load', () => {
  const defer = deferCleanup();

  it('RL2 the pending part is dropped and compacted away; the text is served and later edits are saved', async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const old = new SqliteStorage(dbFileIn(tmp.dir));
    await old.append([
      { room: ROOM, update: textUpdate('Расписание занятий') },
      { room: ROOM, update: deletionBomb(50_000) }
    ]);
    await old.close();

    const relay = await TestRelay.start(tmp.dir);
    defer(() => relay.close());
    const reader = new DocClient(relay.syncUrl, ROOM, { acks: true, as: { name: 'Анна' } });
    defer(() => reader.destroy());
    await waitFor(() => reader.content === 'Расписание занятий', 'the stored text is served');

    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    await waitFor(() => store.counts(ROOM).updates === 0, 'the room is compacted after the repair');
    const stored = store.doc(ROOM);
    expect(stored.store.pendingDs).toBeNull();
    expect(stored.store.pendingStructs).toBeNull();

    reader.text.insert(0, 'Новое ');
    await waitFor(
      () => store.doc(ROOM).getText('body').toString() === 'Новое Расписание занятий',
      'a later edit is stored'
    );
  });
});
