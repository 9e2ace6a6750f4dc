import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts';
import { deferCleanup } from './helpers/cleanup.ts';
import { DocClient } from './helpers/docClient.ts';
import {
  awarenessFrame,
  MSG_AWARENESS,
  messageType,
  savedCount,
  syncPayload,
  syncStep1Frame,
  syncStep2Frame as syncStep2FrameOf,
  updateFrame
} from './helpers/frames.ts';
import { GatedStorage } from './helpers/gatedStorage.ts';
import { RawClient } from './helpers/rawClient.ts';
import { dbFileIn, makeTempDir, TestRelay } from './helpers/relay.ts';
import { containsState, sameState, StoreReader } from './helpers/storedDoc.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-order/doc-1';
const QUERY_AWARENESS = new Uint8Array([3]);

describe('nothing is forwarded, handed out or acknowledged before it is stored', () => {
  const defer = deferCleanup();
  let relay: TestRelay;
  let gate: GatedStorage;
  let store: StoreReader;

  beforeEach(async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    gate = new GatedStorage(new SqliteStorage(dbFileIn(tmp.dir)));
    relay = await TestRelay.start(tmp.dir, {}, gate);
    defer(() => relay.close());
    // Runs first: a failed test must not leave commits held, or closing would wait for ever.
    defer(() => gate.release());
    store = new StoreReader(relay.dbFile);
    defer(() => store.close());
  });

  /** A raw client that has announced a presence, so the relay always has one to send back. */
  async function observer(query = ''): Promise<RawClient> {
    const c = await RawClient.open(relay.roomUrl(ROOM, query));
    defer(() => c.close());
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    defer(() => (awareness.destroy(), doc.destroy()));
    // A state at clock 0 is ignored by a peer that never saw this client: set one to get clock 1.
    awareness.setLocalStateField('user', { name: 'наблюдатель' });
    c.send(awarenessFrame(awareness, [doc.clientID]));
    return c;
  }

  /**
   * Proves the client has received everything the relay sent it before now: the relay answers a
   * query for presence at once, and frames on one socket arrive in order.
   */
  async function roundTrip(c: RawClient): Promise<void> {
    const from = c.received.length;
    c.send(QUERY_AWARENESS);
    await c.next((f) => messageType(f) === MSG_AWARENESS, 'the presence answer', from);
  }

  /** Records every sync payload the moment it arrives that the file did not already hold. */
  function watchUnstored(c: RawClient): string[] {
    const early: string[] = [];
    c.ws.on('message', (data: Buffer) => {
      const update = syncPayload(new Uint8Array(data));
      if (update && !containsState(store.doc(ROOM), update)) early.push(`${update.length} bytes`);
    });
    return early;
  }

  const textOf = (c: RawClient): string => {
    const doc = new Y.Doc();
    for (const f of c.received) {
      const update = syncPayload(f);
      if (update) Y.applyUpdate(doc, update);
    }
    return doc.getText('body').toString();
  };

  it('SY2 an update is committed to storage before any other client receives it', async () => {
    const a = new DocClient(relay.syncUrl, ROOM);
    defer(() => a.destroy());
    const b = await observer();
    const early = watchUnstored(b);
    await waitFor(() => a.synced, 'A is synced');

    gate.hold();
    a.text.insert(0, 'ещё не сохранено');
    await waitFor(() => gate.waiting > 0, "the relay is committing A's edit");
    await roundTrip(b);
    expect(textOf(b)).toBe('');

    gate.release();
    await waitFor(() => textOf(b) === 'ещё не сохранено', 'B receives the edit once it is stored');
    expect(early).toEqual([]);
  });

  it('SY2 a client that asks for the document while an update is being committed gets it only once stored', async () => {
    const a = new DocClient(relay.syncUrl, ROOM);
    defer(() => a.destroy());
    a.text.insert(0, 'сохранено. ');
    await waitFor(
      () => a.synced && store.doc(ROOM).getText('body').length > 0,
      'the first edit is stored'
    );

    gate.hold();
    a.text.insert(a.text.length, 'в пути');
    await waitFor(() => gate.waiting > 0, "the relay is committing A's second edit");
    // Joining now: the relay's sync step 2 must not carry the edit that is still in flight.
    const late = await observer();
    const early = watchUnstored(late);
    late.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    await roundTrip(late);
    expect(textOf(late)).not.toContain('в пути');

    gate.release();
    await waitFor(
      () => textOf(late) === 'сохранено. в пути',
      'the late client gets everything once stored'
    );
    expect(early).toEqual([]);
  });

  it('SY2 many edits in a row: each one the other client integrates is already in the file', async () => {
    const a = new DocClient(relay.syncUrl, ROOM);
    const b = new DocClient(relay.syncUrl, ROOM);
    defer(() => (a.destroy(), b.destroy()));
    await waitFor(() => a.synced && b.synced, 'both clients are synced');
    const early: string[] = [];
    b.doc.on('update', () => {
      if (!containsState(store.doc(ROOM), Y.encodeStateAsUpdate(b.doc))) early.push(b.content);
    });

    for (let round = 0; round < 5; round++) {
      gate.hold();
      for (let i = 0; i < 8; i++) a.text.insert(a.text.length, `${round}.${i} `);
      a.text.delete(0, 1);
      await waitFor(() => gate.waiting > 0, `round ${round}: the relay is committing`);
      gate.release();
    }
    await waitFor(() => sameState(a.doc, b.doc), 'B has all of A');
    expect(early).toEqual([]);
  });

  it('AK1 a "saved" message is sent only after the commit', async () => {
    const client = await observer('?acks=1');
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    local.getText('body').insert(0, 'подтвердите');
    local.getText('body').delete(0, 3);

    gate.hold();
    for (const u of updates) client.send(updateFrame(u));
    await waitFor(() => gate.waiting > 0, 'the relay is committing');
    await roundTrip(client);
    expect(client.received.filter((f) => savedCount(f) !== null)).toEqual([]);

    gate.release();
    await client.next((f) => savedCount(f) === updates.length, 'the acknowledgement');
    expect(store.doc(ROOM).getText('body').toString()).toBe('твердите');
  });

  it('MF4 a sync step 1 with a broken state vector, sent while a commit is pending, closes only its sender; commits go on', async () => {
    const a = new DocClient(relay.syncUrl, ROOM);
    defer(() => a.destroy());
    await waitFor(() => a.synced, 'A is synced');
    const broken = await RawClient.open(relay.roomUrl(ROOM));
    defer(() => broken.terminate());
    await broken.next((f) => messageType(f) === 0, 'the broken client is admitted');

    gate.hold();
    a.text.insert(0, 'первая правка');
    await waitFor(() => gate.waiting > 0, "the relay is committing A's edit");
    // A state vector that says "3 clients follow" and then ends.
    broken.send(syncStep1Frame(new Uint8Array([3, 1])));
    expect((await broken.closed()).code).toBe(4400);
    gate.release();

    const b = new DocClient(relay.syncUrl, ROOM);
    defer(() => b.destroy());
    a.text.insert(a.text.length, ' и вторая');
    await waitFor(
      () => b.content === 'первая правка и вторая',
      'later edits are still committed and forwarded'
    );
  });

  it('AK7 an acknowledgement waits until nothing is in flight for the room, not only the client’s own writes', async () => {
    const a = new DocClient(relay.syncUrl, ROOM);
    defer(() => a.destroy());
    await waitFor(() => a.synced, 'A is synced');
    gate.hold();
    a.text.insert(0, 'ещё не сохранено');
    await waitFor(() => gate.waiting > 0, "A's edit waits at the gate");

    // A second client that already holds the same content answers the relay with an empty step 2.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a.doc));
    const b = await observer('?acks=1');
    await b.next((f) => messageType(f) === 0, "the relay's sync step 1");
    const diff = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(a.doc));
    b.send(syncStep1Frame(Y.encodeStateVector(copy)));
    b.send(syncStep2FrameOf(diff));
    // The relay has handled both once it answers the presence query; nothing is stored yet, so
    // nothing may be acknowledged.
    await roundTrip(b);
    expect(b.received.some((f) => savedCount(f) !== null)).toBe(false);
    gate.release();
    const saved = await b.next(
      (f) => savedCount(f) !== null,
      'the acknowledgement after the commit'
    );
    expect(savedCount(saved.frame)).toBe(2);
    expect(store.doc(ROOM).getText('body').toString()).toBe('ещё не сохранено');
  });

  it('AK9 a client is sent one "saved" per committed batch, also when it waited from the batch before', async () => {
    const client = await observer('?acks=1');
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    local.getText('body').insert(0, 'первая');
    local.getText('body').insert(6, ' и вторая');

    gate.hold();
    client.send(updateFrame(updates[0]!));
    await waitFor(() => gate.waiting === 1, 'the first edit waits at the gate');
    // The second arrives while the first is being committed: it is the next batch, and the
    // first batch's acknowledgement has to wait for it (something is still in flight).
    client.send(updateFrame(updates[1]!));
    await roundTrip(client);
    const from = client.received.length;

    gate.release();
    await client.next((f) => savedCount(f) === 2, 'the acknowledgement of both', from);
    // Everything the relay sent before now has arrived once it answers a presence query.
    await roundTrip(client);
    const saved = client.received
      .slice(from)
      .map(savedCount)
      .filter((n) => n !== null);
    expect(saved).toEqual([2]);
    expect(store.doc(ROOM).getText('body').toString()).toBe('первая и вторая');
  });
});
