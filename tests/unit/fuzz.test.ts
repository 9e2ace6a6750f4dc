import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deferCleanup } from './helpers/cleanup.ts';
import { DocClient } from './helpers/docClient.ts';
import { syncStep1Frame, syncStep2Frame, updateFrame } from './helpers/frames.ts';
import { RawClient } from './helpers/rawClient.ts';
import { TestRelay } from './helpers/relay.ts';
import { StoreReader } from './helpers/storedDoc.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-fuzz/doc';
const FRAMES = 10_000;
const PARALLEL = 8;

/** mulberry32: a small seeded generator, so a failing run can be replayed exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid frames to start from, so mutations reach deep into the decoders, not just the first byte. */
function seeds(): Uint8Array[] {
  const doc = new Y.Doc();
  // Not the clients' 'body': accepted mutants must not make the final check ambiguous.
  doc.getText('fuzz').insert(0, 'Круглый стол «Сетевое взаимодействие»');
  doc.getMap('meta').set('title', 'План');
  const update = Y.encodeStateAsUpdate(doc);
  return [
    updateFrame(update),
    syncStep2Frame(update),
    syncStep1Frame(Y.encodeStateVector(doc)),
    new Uint8Array([1, 5, 1, 1, 1, 2, 123]) // an awareness frame with a broken JSON state
  ];
}

function mutate(next: () => number, base: Uint8Array): Uint8Array {
  const pick = next();
  const out = Uint8Array.from(base);
  if (pick < 0.3) {
    // flip a few bytes
    for (let i = 0; i < 1 + Math.floor(next() * 4); i++)
      out[Math.floor(next() * out.length)] = Math.floor(next() * 256);
    return out;
  }
  if (pick < 0.55) return out.slice(0, Math.floor(next() * out.length)); // truncate
  if (pick < 0.75) {
    // random bytes after a plausible message type
    const junk = new Uint8Array(1 + Math.floor(next() * 64));
    for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(next() * 256);
    junk[0] = Math.floor(next() * 4);
    return junk;
  }
  if (pick < 0.9) {
    // a huge declared length
    return Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, ...out.slice(0, 8)]);
  }
  const tail = new Uint8Array(1 + Math.floor(next() * 16)).map(() => Math.floor(next() * 256));
  return Uint8Array.from([...out, ...tail]); // trailing garbage
}

describe('fuzzing the relay', () => {
  const defer = deferCleanup();

  it(`FZ1 ${FRAMES} malformed frames from a seeded generator leave the relay serving a well-behaved client`, async () => {
    const relay = await TestRelay.startFresh(defer, {
      MESSAGES_PER_SECOND: '100000',
      MAX_CONNECTIONS_PER_USER: '1000'
    });
    const good = new DocClient(relay.syncUrl, ROOM);
    defer(() => good.destroy());
    await waitFor(() => good.synced, 'the well-behaved client is synced');
    good.text.insert(0, 'до');

    const next = random(20261126);
    const bases = seeds();
    const frames = Array.from({ length: FRAMES }, () =>
      mutate(next, bases[Math.floor(next() * bases.length)]!)
    );
    // After each frame a valid sync step 1 follows as a probe: its answer (or the close) proves
    // the relay has dealt with the frame before the next one is sent.
    const probe = syncStep1Frame(new Uint8Array([0]));
    let sent = 0;
    let closes = 0;
    const worker = async () => {
      while (sent < frames.length) {
        const client = await RawClient.open(relay.roomUrl(ROOM));
        await client.next((f) => f[0] === 0, 'admitted');
        while (sent < frames.length && client.closedWith === null) {
          const answered = client.received.length;
          client.send(frames[sent++]!);
          client.send(probe);
          await waitFor(
            () => client.closedWith !== null || client.received.length > answered,
            'the relay dealt with the frame'
          );
        }
        if (client.closedWith) closes++;
        client.terminate();
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(sent).toBe(FRAMES);
    expect(closes).toBeGreaterThan(100);

    // The relay still serves: the good client's edits round-trip and are stored intact.
    const late = new DocClient(relay.syncUrl, ROOM);
    defer(() => late.destroy());
    good.text.insert(good.text.length, ' и после');
    await waitFor(() => late.content.includes('до и после'), 'a new client receives the document');
    await relay.server.registry.flush();
    const reader = new StoreReader(relay.dbFile);
    defer(() => reader.close());
    const stored = reader.doc(ROOM).getText('body').toString();
    expect(stored.startsWith('до и после')).toBe(true);
  }, 120_000);
});
