import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomState } from '../../../server/relay/RoomState.ts';
import { SLICE_STRUCTS } from '../../../src/lib/shared/protocol/stateSlices.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { DocClient } from '../helpers/docClient.ts';
import { TestRelay } from '../helpers/relay.ts';
import { sameState } from '../helpers/storedDoc.ts';
import { waitFor } from '../helpers/wait.ts';

const ROOM = 'ws-nodoc/doc-1';

const pending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
const vectorOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

/** A reference doc built from every update, applied in the order given. */
function docFrom(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('RL13 a room keeps no Y.Doc, only a state vector and its committed state as bytes', () => {
  const defer = deferCleanup();

  it('RL13 after many edits and deletions by three people, a joining client gets exactly the full state', async () => {
    const relay = await TestRelay.startFresh(defer);
    const writers = ['Анна', 'Борис', 'Вера'].map((name) => {
      const c = new DocClient(relay.syncUrl, ROOM, { as: { name } });
      defer(() => c.destroy());
      return c;
    });
    await waitFor(() => writers.every((w) => w.synced), 'the writers are synced');
    // Every update any writer made, to build the reference from.
    const all: Uint8Array[] = [];
    for (const w of writers)
      w.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== w.provider) all.push(update);
      });
    for (let i = 0; i < 60; i++) {
      const w = writers[i % 3]!;
      w.text.insert(Math.min(i, w.text.length), `правка ${i}; `);
      if (i % 7 === 6 && w.text.length > 20) w.text.delete(3, 5);
      w.doc.getMap('meta').set(`k${i % 5}`, i);
    }
    const reference = docFrom(all);
    await waitFor(
      () => writers.every((w) => sameState(w.doc, reference)),
      'the writers converge on every update'
    );

    const room = (await relay.server.registry.peek(ROOM))!;
    expect('doc' in room).toBe(false);
    await waitFor(() => room.writesInFlight === 0, 'every update is committed');
    expect(new Map(room.stateVector)).toEqual(vectorOf(reference));

    const late = new DocClient(relay.syncUrl, ROOM);
    defer(() => late.destroy());
    await waitFor(() => late.synced, 'a late client is synced');
    expect(sameState(late.doc, reference)).toBe(true);
    expect(late.content).toBe(reference.getText('body').toString());
  });

  it('RL13 a big room with updates after its snapshot is answered in slices that rebuild it, none pending', () => {
    const writer = new Y.Doc();
    const entries = writer.getMap<Y.Map<string>>('documents');
    writer.transact(() => {
      for (let i = 0; i < 3000; i++) {
        const entry = new Y.Map<string>();
        entries.set(`doc${i}`, entry);
        entry.set('title', `Народная тряпичная кукла — ${i}`);
      }
    });
    const snapshot = Y.encodeStateAsUpdate(writer);
    const stored: Uint8Array[] = [];
    const later = (update: Uint8Array) => stored.push(update);
    writer.on('update', later);
    for (let i = 0; i < 300; i++) entries.get(`doc${i * 7}`)!.set('title', `Кукла-оберег ${i}`);
    for (let i = 0; i < 50; i++) entries.delete(`doc${i * 11 + 1}`);
    writer.off('update', later);

    const { state, dropped } = RoomState.fromStored({
      snapshot,
      updates: stored.slice(0, 200).map((data, i) => ({ seq: i + 2, data })),
      clock: 201
    });
    expect(dropped).toBe(0);
    // The rest arrives live: checked, accepted, then committed.
    for (const update of stored.slice(200)) {
      state.check(update);
      state.accept(update);
      state.committed(update);
    }
    expect(new Map(state.stateVector)).toEqual(vectorOf(writer));

    const slices = state.answer(Y.encodeStateVector(new Y.Doc()));
    expect(slices.length).toBeGreaterThan(2);
    for (const slice of slices.slice(0, -1))
      expect(Y.decodeUpdate(slice).structs.length).toBeLessThanOrEqual(SLICE_STRUCTS);
    const joined = new Y.Doc();
    for (const slice of slices) {
      Y.applyUpdate(joined, slice);
      expect(pending(joined)).toBe(false);
    }
    expect(sameState(joined, writer)).toBe(true);
    expect(joined.getMap('documents').size).toBe(3000 - 50);

    // A client that has the snapshot gets exactly what it lacks.
    const behind = docFrom([snapshot]);
    for (const slice of state.answer(Y.encodeStateVector(behind))) Y.applyUpdate(behind, slice);
    expect(sameState(behind, writer)).toBe(true);
  });

  it('RL13 an update still in flight counts for later checks but is in no answer until committed', () => {
    const { state } = RoomState.fromStored({ snapshot: null, updates: [], clock: 0 });
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    author.getText('body').insert(0, 'План ');
    author.getText('body').insert(5, 'выставки');
    const [first, second] = updates as [Uint8Array, Uint8Array];

    state.check(first);
    state.accept(first);
    // The second builds on the first: it passes only because the first is accepted.
    state.check(second);
    state.accept(second);
    expect(new Map(state.stateVector)).toEqual(vectorOf(author));

    const answer = () => docFrom(state.answer(Y.encodeStateVector(new Y.Doc())));
    expect(answer().getText('body').toString()).toBe('');
    state.committed(first);
    expect(answer().getText('body').toString()).toBe('План ');
    state.committed(second);
    expect(sameState(answer(), author)).toBe(true);
  });
});
