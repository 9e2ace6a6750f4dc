import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeStateAsSlices } from '../../../src/lib/shared/protocol/stateSlices.ts';

/** A small deterministic random source, so a failure names its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['мастер-класс', 'краеведение', 'кукла', 'театр', 'библиотека', 'выставка'];

/** One random edit of the kinds a workspace index and a document see: maps, lists, text. */
function edit(doc: Y.Doc, rnd: () => number): void {
  const entries = doc.getMap<Y.Map<unknown>>('documents');
  const order = doc.getArray<string>('order');
  const text = doc.getText('body');
  const word = WORDS[Math.floor(rnd() * WORDS.length)]!;
  const roll = rnd();
  if (roll < 0.3) {
    const entry = new Y.Map<unknown>();
    entries.set(`d${Math.floor(rnd() * 40)}`, entry);
    entry.set('title', word);
    entry.set('tags', Y.Array.from([word]));
  } else if (roll < 0.5) {
    const keys = [...entries.keys()];
    const entry = entries.get(keys[Math.floor(rnd() * keys.length)] ?? '');
    if (entry) entry.set(rnd() < 0.5 ? 'title' : 'parent', `${word} ${Math.floor(rnd() * 100)}`);
  } else if (roll < 0.6) {
    const keys = [...entries.keys()];
    if (keys.length) entries.delete(keys[Math.floor(rnd() * keys.length)]!);
  } else if (roll < 0.75) {
    order.insert(Math.floor(rnd() * (order.length + 1)), [word]);
    if (order.length > 5 && rnd() < 0.3) order.delete(Math.floor(rnd() * order.length), 1);
  } else {
    const at = Math.floor(rnd() * (text.length + 1));
    text.insert(at, `${word} `);
    if (text.length > 30 && rnd() < 0.4) text.delete(Math.floor(rnd() * (text.length - 5)), 4);
  }
}

/** Three peers editing and now and then exchanging state: structs that refer across clients. */
function history(seed: number, midway?: (peer: Y.Doc) => void): Y.Doc {
  const rnd = random(seed);
  const peers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  for (let i = 0; i < 600; i++) {
    if (i === 300) midway?.(peers[0]!);
    edit(peers[Math.floor(rnd() * peers.length)]!, rnd);
    if (rnd() < 0.1) {
      const [a, b] = [peers[Math.floor(rnd() * 3)]!, peers[Math.floor(rnd() * 3)]!];
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
  for (const a of peers) for (const b of peers) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return peers[0]!;
}

const pending = (doc: Y.Doc) => {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  return store.pendingStructs !== null || store.pendingDs !== null;
};
const content = (doc: Y.Doc) => ({
  documents: doc.getMap('documents').toJSON(),
  order: doc.getArray('order').toJSON(),
  body: doc.getText('body').toString()
});
const structCount = (update: Uint8Array) => Y.decodeUpdate(update).structs.length;

describe('a doc state sent in slices', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`WS16 slices applied in order rebuild the same doc, none waiting on a later one (seed ${seed})`, () => {
      const source = history(seed);
      const slices = encodeStateAsSlices(source, undefined, 25);
      expect(slices.length).toBeGreaterThan(5);
      for (const slice of slices.slice(0, -1)) expect(structCount(slice)).toBeLessThanOrEqual(25);

      const copy = new Y.Doc();
      for (const slice of slices) {
        Y.applyUpdate(copy, slice);
        expect(pending(copy)).toBe(false);
      }
      expect(content(copy)).toEqual(content(source));
      expect(Y.equalSnapshots(Y.snapshot(copy), Y.snapshot(source))).toBe(true);
    });
  }

  it('WS16 slices from a state vector bring a copy that is behind up to date', () => {
    // The copy has what one peer had halfway through; its state vector may end inside a struct.
    const behind = new Y.Doc();
    const source = history(11, (peer) => Y.applyUpdate(behind, Y.encodeStateAsUpdate(peer)));
    const slices = encodeStateAsSlices(source, Y.encodeStateVector(behind), 20);
    expect(slices.length).toBeGreaterThan(2);
    for (const slice of slices) {
      Y.applyUpdate(behind, slice);
      expect(pending(behind)).toBe(false);
    }
    expect(content(behind)).toEqual(content(source));
    expect(Y.equalSnapshots(Y.snapshot(behind), Y.snapshot(source))).toBe(true);
  });

  it('WS16 slices applied in any order still converge (a client may get them out of order)', () => {
    const source = history(21);
    const slices = encodeStateAsSlices(source, undefined, 30);
    const copy = new Y.Doc();
    for (const slice of [...slices].reverse()) Y.applyUpdate(copy, slice);
    expect(content(copy)).toEqual(content(source));
  });

  it('WS16 a small state is the one update Yjs would send', () => {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'Театр на окошке');
    const slices = encodeStateAsSlices(doc);
    expect(slices).toHaveLength(1);
    expect(slices[0]).toEqual(Y.encodeStateAsUpdate(doc));
  });

  it('WS16 a copy that has everything gets one empty update', () => {
    const source = history(31);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
    const slices = encodeStateAsSlices(source, Y.encodeStateVector(copy), 10);
    expect(slices).toHaveLength(1);
    expect(structCount(slices[0]!)).toBe(0);
  });
});
