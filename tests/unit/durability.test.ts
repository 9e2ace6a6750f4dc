import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deferCleanup } from './helpers/cleanup.ts';
import { DocClient } from './helpers/docClient.ts';
import { makeTempDir, TestRelay, type RelayEnv } from './helpers/relay.ts';
import { containsState, docOf, sameState, StoreReader } from './helpers/storedDoc.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-durable/plan-2025';

describe('what is committed survives restart, eviction and compaction', () => {
  const defer = deferCleanup();

  async function startRelay(
    env: RelayEnv = {}
  ): Promise<{ relay: () => TestRelay; restart: () => Promise<void> }> {
    const tmp = makeTempDir();
    defer(tmp.remove);
    let relay = await TestRelay.start(tmp.dir, env);
    defer(() => relay.close());
    return {
      relay: () => relay,
      restart: async () => {
        relay = await relay.restart();
      }
    };
  }

  function client(relay: TestRelay, room = ROOM): DocClient {
    const c = new DocClient(relay.syncUrl, room);
    defer(() => c.destroy());
    return c;
  }

  /** Waits until the file holds everything `doc` has; the relay keeps no other copy that matters. */
  async function stored(relay: TestRelay, doc: Y.Doc, room = ROOM): Promise<void> {
    const reader = new StoreReader(relay.dbFile);
    try {
      await waitFor(
        () => containsState(reader.doc(room), Y.encodeStateAsUpdate(doc)),
        'the file holds the doc'
      );
    } finally {
      reader.close();
    }
  }

  /** An independent copy, so the expectation outlives the client that produced it. */
  const copyOf = (doc: Y.Doc): Y.Doc => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return copy;
  };

  it('ST1 a restart keeps every committed update', async () => {
    const { relay, restart } = await startRelay();
    const a = client(relay());
    const b = client(relay());
    await waitFor(() => a.synced && b.synced, 'both clients are synced');
    for (let i = 0; i < 30; i++) (i % 2 ? a : b).text.insert(0, `шаг ${i}. `);
    a.text.delete(0, 4);
    await waitFor(() => sameState(a.doc, b.doc), 'A and B agree');
    const expected = copyOf(a.doc);
    a.destroy();
    b.destroy();

    await restart();
    const c = client(relay());
    await waitFor(() => c.synced, 'a fresh client is synced');
    expect(c.content).toBe(expected.getText('body').toString());
    expect(Y.decodeStateVector(Y.encodeStateVector(c.doc))).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(expected))
    );
    expect(sameState(c.doc, expected)).toBe(true);
  });

  it('ST2 eviction and reload give an identical state', async () => {
    const { relay } = await startRelay({ ROOM_IDLE_MS: '30' });
    const a = client(relay());
    await waitFor(() => a.synced, 'A is synced');
    a.text.insert(0, 'Договор о сотрудничестве с библиотекой');
    a.text.delete(0, 8);
    await stored(relay(), a.doc);
    const expected = copyOf(a.doc);
    a.destroy();

    await waitFor(
      async () =>
        relay().server.registry.loadedRoomCount === 0 &&
        (await relay().server.registry.peek(ROOM)) === undefined,
      'the idle room is evicted'
    );
    const reader = new StoreReader(relay().dbFile);
    defer(() => reader.close());
    expect(reader.counts(ROOM)).toEqual({ updates: 0, snapshots: 1 });

    const c = client(relay());
    await waitFor(() => c.synced, 'a fresh client is synced');
    expect(c.content).toBe('о сотрудничестве с библиотекой');
    expect(sameState(c.doc, expected)).toBe(true);
    const reloaded = await relay().server.registry.peek(ROOM);
    expect(reloaded && sameState(docOf(reloaded.committedUpdate()), expected)).toBe(true);
  });

  it('ST2 clients that come back while the room is being evicted lose nothing', async () => {
    // An idle time of 1 ms makes eviction race with the next connection on almost every round.
    const { relay } = await startRelay({ ROOM_IDLE_MS: '1' });
    let expected = '';
    for (let round = 0; round < 15; round++) {
      const c = client(relay());
      await waitFor(() => c.synced, `round ${round}: the client is synced`);
      expect(c.content).toBe(expected);
      c.text.insert(c.text.length, String.fromCharCode(0x430 + round));
      expected = c.content;
      await stored(relay(), c.doc);
      c.destroy();
    }
    await waitFor(
      () => relay().server.registry.loadedRoomCount === 0,
      'the room is evicted at last'
    );
    const last = client(relay());
    await waitFor(() => last.synced, 'the last client is synced');
    expect(last.content).toBe('абвгдежзийклмно');
  });

  it('ST3 compaction gives an identical document and leaves one snapshot', async () => {
    const { relay, restart } = await startRelay({ COMPACT_AFTER_UPDATES: '10' });
    const a = client(relay());
    await waitFor(() => a.synced, 'A is synced');
    const reader = new StoreReader(relay().dbFile);
    defer(() => reader.close());

    const EDITS = 60;
    for (let i = 0; i < EDITS; i++) {
      a.text.insert(a.text.length, `${i},`);
      if (i % 7 === 6) a.text.delete(0, 2);
      // Spread the edits over several batches, so compaction runs while later writes are in flight.
      if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(
      () => containsState(reader.doc(ROOM), Y.encodeStateAsUpdate(a.doc)),
      'the file holds the doc'
    );
    await waitFor(() => reader.counts(ROOM).updates < 10, 'stored updates are compacted');

    expect(reader.counts(ROOM).snapshots).toBe(1);
    const fromFile = reader.doc(ROOM);
    expect(fromFile.getText('body').toString()).toBe(a.content);
    expect(sameState(fromFile, a.doc)).toBe(true);
    const expected = copyOf(a.doc);
    a.destroy();

    await restart();
    const c = client(relay());
    await waitFor(() => c.synced, 'a fresh client is synced');
    expect(c.content).toBe(expected.getText('body').toString());
    expect(Y.decodeStateVector(Y.encodeStateVector(c.doc))).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(expected))
    );
    expect(sameState(c.doc, expected)).toBe(true);
  });
});
