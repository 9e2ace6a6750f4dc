import * as decoding from 'lib0/decoding';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { SqliteStorage } from '../../../server/storage/SqliteStorage.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import {
  awarenessFrame,
  MSG_AWARENESS,
  MSG_SYNC,
  savedCount,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame
} from '../helpers/frames.ts';
import type { RawClient } from '../helpers/rawClient.ts';
import { dbFileIn, makeTempDir, TestRelay, type RelayEnv } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import { openAs } from './attacks.ts';

const ROOM = 'ws-queue/big';
const EMPTY_SV = Y.encodeStateVector(new Y.Doc());

/** A relay whose room already holds about `megabytes` MB of text. */
async function relayWithBigRoom(
  defer: (cleanup: () => unknown) => void,
  megabytes: number,
  env: RelayEnv = {}
): Promise<TestRelay> {
  const tmp = makeTempDir();
  defer(tmp.remove);
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'ж'.repeat((megabytes * 1024 * 1024) / 2));
  const storage = new SqliteStorage(dbFileIn(tmp.dir));
  await storage.append([{ room: ROOM, update: Y.encodeStateAsUpdate(doc) }]);
  await storage.close();
  const relay = await TestRelay.start(tmp.dir, env);
  defer(() => relay.close());
  return relay;
}

/** Stops reading the socket, as a viewer that wants the server to hold its answers would. */
function stopReading(client: RawClient): Socket {
  const socket = (client.ws as unknown as { _socket: Socket })._socket;
  socket.pause();
  return socket;
}

function isStep2(frame: Uint8Array): boolean {
  const d = decoding.createDecoder(frame);
  return decoding.readVarUint(d) === MSG_SYNC && decoding.readVarUint(d) === 1;
}

/** Sends a presence and waits until `observer` hears it: the relay has read everything before. */
async function barrier(from: RawClient, observer: RawClient): Promise<void> {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('user', { name: 'x' });
  const seen = observer.received.length;
  from.send(awarenessFrame(awareness, [doc.clientID]));
  awareness.destroy();
  await observer.next(
    (f) => decoding.readVarUint(decoding.createDecoder(f)) === MSG_AWARENESS,
    'the presence reaches the observer',
    seen
  );
}

describe('RL6 what the relay queues for one client is bounded', () => {
  const defer = deferCleanup();

  it('RL6 sync step 1 repeated while the answer is unsent is answered once more, not once per request', async () => {
    const relay = await relayWithBigRoom(defer, 16);
    const observer = await openAs(relay, ROOM, 'Наблюдатель', 'editor', false);
    defer(() => observer.close());
    const greedy = await openAs(relay, ROOM, 'Жадный', 'editor', true);
    defer(() => greedy.close());
    const socket = stopReading(greedy);
    for (let i = 0; i < 20; i++) greedy.send(syncStep1Frame(EMPTY_SV));
    greedy.send(syncStep2Frame(new Uint8Array([0, 0])));
    await barrier(greedy, observer);
    socket.resume();

    const { index } = await greedy.next((f) => savedCount(f) !== null, 'the acknowledgement');
    const answered = () => greedy.received.filter(isStep2).length;
    await waitFor(() => answered() === 2, 'the one coalesced answer follows the first', 30_000);
    expect(greedy.received.slice(0, index).filter(isStep2).length).toBeLessThanOrEqual(2);
    // 20 requests in all: nothing more is on its way once a later acknowledgement arrives.
    greedy.send(syncStep2Frame(new Uint8Array([0, 0])));
    await greedy.next((f) => (savedCount(f) ?? 0) > 1, 'a later acknowledgement', index + 1);
    expect(answered()).toBe(2);
  }, 60_000);

  it('RL6 a client that does not read and is past MAX_QUEUED_BYTES is closed (4532) and let go', async () => {
    const relay = await relayWithBigRoom(defer, 16, { MAX_QUEUED_BYTES: '1000000' });
    const writer = await openAs(relay, ROOM, 'Анна', 'editor', false);
    defer(() => writer.close());
    const stalled = await openAs(relay, ROOM, 'Читатель', 'viewer', false);
    defer(() => stalled.terminate());
    stopReading(stalled);
    stalled.send(syncStep1Frame(EMPTY_SV));
    await barrier(stalled, writer);
    expect(relay.server.relay.connectionCount).toBe(2);

    // The next thing the relay would queue for it (a colleague's edit) goes past the bound.
    const edit = new Y.Doc();
    edit.getText('title').insert(0, 'Заголовок');
    writer.send(updateFrame(Y.encodeStateAsUpdate(edit)));
    await waitFor(() => relay.server.relay.connectionCount === 1, 'the stalled socket is let go');
    expect(writer.closedWith).toBeNull();
  }, 60_000);
});
