import { beforeEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { deferCleanup } from './helpers/cleanup.ts';
import { DocClient } from './helpers/docClient.ts';
import { MSG_AWARENESS, updateFrame } from './helpers/frames.ts';
import { RawClient } from './helpers/rawClient.ts';
import { makeTempDir, TestRelay, type RelayEnv } from './helpers/relay.ts';
import { docOf, sameState, StoreReader } from './helpers/storedDoc.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-bad/doc-1';
const bytes = (...values: number[]) => new Uint8Array(values);

/** A genuine update from someone else's doc: what a bad frame would smuggle in if accepted. */
function foreignUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'ЧУЖОЙ ТЕКСТ');
  return Y.encodeStateAsUpdate(doc);
}

/** A ghost's presence announced as the first of two entries, the second missing. */
const GHOST = new Y.Doc();
function awarenessCutShort(): Uint8Array {
  const awareness = new Awareness(GHOST);
  awareness.setLocalStateField('user', { name: 'Призрак' });
  const update = encodeAwarenessUpdate(awareness, [GHOST.clientID]);
  awareness.destroy();
  update[0] = 2; // claims two entries, carries one
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Deterministic noise, so a failure can be reproduced. */
function noise(length: number, seed: number): Uint8Array {
  let x = seed;
  return Uint8Array.from({ length }, () => (x = (x * 1103515245 + 12345) & 0x7fffffff) & 0xff);
}

const BAD_FRAMES: [string, Uint8Array | string][] = [
  ['an empty frame', bytes()],
  ['random bytes', noise(64, 7)],
  ['an unknown message type', bytes(7, 0)],
  ['an unknown sync message type', bytes(0, 9, 0)],
  ['a truncated varint', bytes(0x80)],
  ['a length beyond the end of the frame', bytes(0, 2, 50, 1, 2, 3)],
  [
    'trailing bytes after a valid message',
    Uint8Array.from([...updateFrame(foreignUpdate()), 1, 2, 3])
  ],
  ['an update payload that is not Yjs data', updateFrame(bytes(1, 2, 3, 4, 5))],
  // Yjs integrates an update's structs before it reads its delete set: cut there, it half applies.
  ['a Yjs update cut short', updateFrame(foreignUpdate().slice(0, -1))],
  ['a sync step 1 that is not a state vector', bytes(0, 0, 2, 5, 1)],
  ['an awareness message that is not awareness data', bytes(1, 3, 5, 0, 0)],
  // y-protocols sets each entry's state as it reads it: cut short, the first one half applies.
  ['awareness data cut short', awarenessCutShort()],
  ['a text frame', 'hello']
];

describe('malformed input', () => {
  const defer = deferCleanup();
  let relay: TestRelay;

  async function start(env: RelayEnv = {}): Promise<void> {
    const tmp = makeTempDir();
    defer(tmp.remove);
    relay = await TestRelay.start(tmp.dir, env);
    defer(() => relay.close());
  }

  function client(): DocClient {
    const c = new DocClient(relay.syncUrl, ROOM);
    defer(() => c.destroy());
    return c;
  }

  /** Two well-behaved clients that have already exchanged an edit, and count their disconnects. */
  async function goodPair(): Promise<{ a: DocClient; b: DocClient; drops: () => number }> {
    const a = client();
    const b = client();
    let drops = 0;
    a.provider.on('connection-close', () => drops++);
    b.provider.on('connection-close', () => drops++);
    await waitFor(() => a.synced && b.synced, 'both clients are synced');
    a.text.insert(0, 'Афиша: ');
    await waitFor(() => b.content === 'Афиша: ', 'B sees the first edit');
    return { a, b, drops: () => drops };
  }

  describe('a malformed frame', () => {
    beforeEach(() => start());

    it.each(BAD_FRAMES)(
      'MF1 %s closes that connection only (4400); others keep syncing',
      async (_name, frame) => {
        const { a, b, drops } = await goodPair();
        const bad = await RawClient.open(relay.roomUrl(ROOM));
        defer(() => bad.terminate());

        bad.send(frame);
        expect(await bad.closed()).toEqual({ code: 4400, reason: 'malformed message' });

        b.text.insert(b.text.length, 'мастер-класс по росписи');
        await waitFor(
          () => a.content === 'Афиша: мастер-класс по росписи',
          'A still receives from B'
        );
        a.text.insert(a.text.length, ' (суббота)');
        await waitFor(
          () => b.content === 'Афиша: мастер-класс по росписи (суббота)',
          'B still receives from A'
        );
        expect(drops()).toBe(0);
      }
    );

    it.each(BAD_FRAMES)(
      'MF2 %s leaves no trace in the room, the file or a restart',
      async (_name, frame) => {
        const { a } = await goodPair();
        const bad = await RawClient.open(relay.roomUrl(ROOM));
        defer(() => bad.terminate());
        bad.send(frame);
        await bad.closed();

        const late = client();
        await waitFor(() => late.synced, 'a client that joins afterwards is synced');
        expect(late.content).toBe('Афиша: ');
        expect(late.provider.awareness.getStates().has(GHOST.clientID)).toBe(false);
        expect(sameState(late.doc, a.doc)).toBe(true);
        const room = await relay.server.registry.peek(ROOM);
        expect(room && sameState(docOf(room.committedUpdate()), a.doc)).toBe(true);
        expect(room?.awareness.getStates().has(GHOST.clientID)).toBe(false);
        const reader = new StoreReader(relay.dbFile);
        defer(() => reader.close());
        expect(sameState(reader.doc(ROOM), a.doc)).toBe(true);

        relay = await relay.restart();
        const afterRestart = client();
        await waitFor(() => afterRestart.synced, 'a client of the restarted relay is synced');
        expect(afterRestart.content).toBe('Афиша: ');
      }
    );
  });

  describe('an oversized frame', () => {
    beforeEach(() => start({ MAX_MESSAGE_BYTES: '4096' }));

    it('MF3 a frame over MAX_MESSAGE_BYTES closes that connection with 1009; others keep syncing', async () => {
      const { a, b, drops } = await goodPair();
      const big = await RawClient.open(relay.roomUrl(ROOM));
      defer(() => big.terminate());
      const doc = new Y.Doc();
      doc.getText('body').insert(0, 'я'.repeat(3000));
      const frame = updateFrame(Y.encodeStateAsUpdate(doc));
      expect(frame.length).toBeGreaterThan(4096);

      big.send(frame);
      expect((await big.closed()).code).toBe(1009);

      b.text.insert(b.text.length, 'после');
      await waitFor(() => a.content === 'Афиша: после', 'A still receives from B');
      expect(drops()).toBe(0);
      expect(a.content).not.toContain('я');
    });

    it('MF3 a frame under the limit is accepted', async () => {
      const { a } = await goodPair();
      const ok = await RawClient.open(relay.roomUrl(ROOM));
      defer(() => ok.close());
      const doc = new Y.Doc();
      doc.getText('body').insert(0, 'ж'.repeat(1500));
      const frame = updateFrame(Y.encodeStateAsUpdate(doc));
      expect(frame.length).toBeLessThan(4096);

      ok.send(frame);
      await waitFor(
        () => a.content.includes('ж'.repeat(1500)),
        'A receives the large but allowed update'
      );
      expect(ok.closedWith).toBeNull();
    });
  });
});
