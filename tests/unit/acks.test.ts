import * as decoding from 'lib0/decoding';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts';
import { deferCleanup } from './helpers/cleanup.ts';
import { spawnRelay } from './helpers/childRelay.ts';
import { DocClient } from './helpers/docClient.ts';
import {
  MSG_SAVED,
  savedCount,
  syncPayload,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame
} from './helpers/frames.ts';
import { RawClient } from './helpers/rawClient.ts';
import { makeTempDir, TestRelay } from './helpers/relay.ts';
import { containsState, StoreReader } from './helpers/storedDoc.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-acks/report-2025';

/** Each local transaction's update, in order, as a client would send them. */
function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return updates;
}

/** A doc made of the first `n` updates: what an acknowledgement of `n` messages promises. */
function docOf(updates: Uint8Array[], n: number): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates.slice(0, n)) Y.applyUpdate(doc, u);
  return doc;
}

/** The text of everything a raw client has been sent as sync messages. */
function textReceived(client: RawClient): string {
  const doc = new Y.Doc();
  for (const f of client.received) {
    const update = syncPayload(f);
    if (update) Y.applyUpdate(doc, update);
  }
  return doc.getText('body').toString();
}

describe('"saved" acknowledgements (message type 100)', () => {
  const defer = deferCleanup();
  let relay: TestRelay;

  beforeEach(async () => {
    relay = await TestRelay.startFresh(defer);
  });

  async function raw(query: string): Promise<RawClient> {
    const c = await RawClient.open(relay.roomUrl(ROOM, query));
    defer(() => c.close());
    return c;
  }

  it('AK1 a client that asked for acks is told, after commit, how many of its messages are stored', async () => {
    const client = await raw('?acks=1');
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    const local = new Y.Doc();
    const updates = recordUpdates(local);

    // Checked the moment each acknowledgement arrives: it must never run ahead of the file.
    const early: string[] = [];
    client.ws.on('message', (data: Buffer) => {
      const count = savedCount(new Uint8Array(data));
      if (
        count !== null &&
        !containsState(store.doc(ROOM), Y.encodeStateAsUpdate(docOf(updates, count)))
      ) {
        early.push(`told ${count} were stored before they were`);
      }
    });

    const text = local.getText('body');
    for (let i = 0; i < 12; i++) text.insert(text.length, `пункт ${i}; `);
    text.delete(0, 10); // a deletion adds nothing to a state vector: the count must still cover it
    for (const u of updates) client.send(updateFrame(u));

    const { frame } = await client.next(
      (f) => savedCount(f) === updates.length,
      `an ack of all ${updates.length} updates`
    );
    expect(savedCount(frame)).toBe(13);
    expect(early).toEqual([]);
    expect(store.doc(ROOM).getText('body').toString()).toBe(text.toString());
  });

  it('AK1 a y-websocket client with ?acks=1 learns when everything it sent is stored', async () => {
    const a = new DocClient(relay.syncUrl, ROOM, { acks: true });
    defer(() => a.destroy());
    const counts: number[] = [];
    a.provider.messageHandlers[MSG_SAVED] = (_encoder, decoder) =>
      counts.push(decoding.readVarUint(decoder));
    await waitFor(() => a.synced, 'A is synced');
    // Sync step 1 and the (empty) step 2 of the handshake are messages too; nothing to store.
    await waitFor(() => counts.includes(2), 'the handshake is acknowledged');

    for (let i = 0; i < 5; i++) a.text.insert(0, `${i}`);
    const sent = 2 + 5;
    await waitFor(() => counts.at(-1) === sent, `an ack of all ${sent} messages`);
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    expect(store.doc(ROOM).getText('body').toString()).toBe('43210');
    // Counts only grow.
    expect([...counts].sort((x, y) => x - y)).toEqual(counts);
  });

  it('AK1 an empty sync step 2 is acknowledged at once, counting step 1 as well', async () => {
    const client = await raw('?acks=1');
    client.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    client.send(syncStep2Frame(Y.encodeStateAsUpdate(new Y.Doc())));
    const { frame } = await client.next((f) => savedCount(f) !== null, 'an ack');
    expect(savedCount(frame)).toBe(2);
  });

  it('AK5 a client that did not ask for acks never receives a "saved" message', async () => {
    const quiet = await raw('');
    const other = await raw('?acks=1');
    const local = new Y.Doc();
    const updates = recordUpdates(local);
    local.getText('body').insert(0, 'без подтверждений');
    quiet.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    quiet.send(syncStep2Frame(Y.encodeStateAsUpdate(new Y.Doc())));
    for (const u of updates) quiet.send(updateFrame(u));

    // Once `other` has the update it is committed; an ack to `quiet` would have been sent then.
    await waitFor(
      () => textReceived(other).includes('без подтверждений'),
      "quiet's update reaches the other client"
    );
    const reply = new Y.Doc();
    reply.getText('body').insert(0, 'ответ');
    other.send(updateFrame(Y.encodeStateAsUpdate(reply)));
    // Same socket: whatever the relay sent `quiet` before this reply has arrived before it.
    await waitFor(
      () => textReceived(quiet).includes('ответ'),
      "the other client's reply reaches quiet"
    );

    expect(quiet.received.filter((f) => savedCount(f) !== null)).toEqual([]);
  });

  it('AK5 a standard y-websocket client never receives a "saved" message', async () => {
    const a = new DocClient(relay.syncUrl, ROOM);
    const b = new DocClient(relay.syncUrl, ROOM);
    defer(() => (a.destroy(), b.destroy()));
    let saved = 0;
    a.provider.messageHandlers[MSG_SAVED] = () => saved++;
    await waitFor(() => a.synced && b.synced, 'both clients are synced');

    a.text.insert(0, 'стандартный клиент');
    await waitFor(() => b.content === 'стандартный клиент', 'B has it, so it is committed');
    b.text.insert(0, '>');
    await waitFor(
      () => a.content === '>стандартный клиент',
      "B's reply reaches A after anything sent to A before"
    );
    expect(saved).toBe(0);
  });
});

describe('acknowledged means durable', () => {
  const defer = deferCleanup();

  it.each(['full', 'normal'] as const)(
    'AK6 an acknowledged update is in the file even when the relay is killed with SIGKILL (SQLITE_SYNC=%s)',
    async (sync) => {
      const tmp = makeTempDir();
      defer(tmp.remove);
      const relay = await spawnRelay(tmp.dir, { SQLITE_SYNC: sync });
      defer(() => relay.kill());
      const client = await RawClient.open(`${relay.syncUrl}/${ROOM}?acks=1`);
      defer(() => client.terminate());

      const local = new Y.Doc();
      const updates = recordUpdates(local);
      for (let i = 0; i < 50; i++) local.getText('body').insert(0, `${i}.`);
      // Killed the moment the acknowledgement arrives, before anything else can happen.
      client.ws.on('message', (data: Buffer) => {
        if (savedCount(new Uint8Array(data)) === updates.length) relay.child.kill('SIGKILL');
      });
      for (const u of updates) client.send(updateFrame(u));
      await client.next(
        (f) => savedCount(f) === updates.length,
        `an ack of all ${updates.length} updates`
      );
      await relay.kill();
      expect(relay.child.signalCode).toBe('SIGKILL');

      const storage = new SqliteStorage(path.join(tmp.dir, 'uzel.sqlite'));
      defer(() => storage.close());
      const stored = await storage.load(ROOM);
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u.data);
      expect(doc.getText('body').toString()).toBe(local.getText('body').toString());
    },
    // A child relay's cold start (tsx) alone has taken over 15 s on a busy two-core machine.
    60_000
  );

  it('AK6 with writers in several rooms committing while the relay is killed with SIGKILL, every acknowledged update is in the file', async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const relay = await spawnRelay(tmp.dir);
    defer(() => relay.kill());
    const rooms = ['ws-acks/kill-a', 'ws-acks/kill-b', 'ws-acks/kill-c'];
    const writers = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const room = rooms[i % rooms.length]!;
        const client = await RawClient.open(`${relay.syncUrl}/${room}?acks=1`);
        defer(() => client.terminate());
        const local = new Y.Doc();
        const updates = recordUpdates(local);
        for (let n = 0; n < 60; n++) local.getText('body').insert(0, `${i}:${n} `);
        return { room, client, updates, acked: 0 };
      })
    );
    // Killed from inside the first handler that sees half of one writer's edits acknowledged:
    // the others' batches are then still being committed or waiting for the writer thread.
    let killed = false;
    for (const w of writers) {
      w.client.ws.on('message', (data: Buffer) => {
        if (killed) return;
        const count = savedCount(new Uint8Array(data));
        if (count === null) return;
        w.acked = count;
        if (count >= w.updates.length / 2) {
          killed = true;
          relay.child.kill('SIGKILL');
        }
      });
    }
    for (const w of writers) for (const u of w.updates) w.client.send(updateFrame(u));
    await waitFor(() => killed, 'half of one writer’s edits acknowledged');
    await relay.kill();
    expect(relay.child.signalCode).toBe('SIGKILL');

    const storage = new SqliteStorage(path.join(tmp.dir, 'uzel.sqlite'));
    defer(() => storage.close());
    for (const w of writers) {
      const stored = await storage.load(w.room);
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u.data);
      const acked = Y.mergeUpdates(w.updates.slice(0, w.acked));
      expect(containsState(doc, acked), `${w.acked} acknowledged edits of ${w.room}`).toBe(true);
    }
  }, 60_000);
});
