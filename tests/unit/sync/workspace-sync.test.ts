import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiServer } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { dbFileIn } from '../helpers/relay.ts';
import { StoreReader } from '../helpers/storedDoc.ts';
import { postBatch } from './batchHttp.ts';
import { WorkspaceSync } from '../../../src/lib/sync/WorkspaceSync.ts';
import { Device } from './device.ts';

const EMPTY_SV = Y.encodeStateVector(new Y.Doc());

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('WorkspaceSync against the real server', () => {
  const defer = deferCleanup();

  /** A workspace with `count` documents already on the server, written by another device. */
  async function workspaceWith(count: number) {
    const server = await ApiServer.start(defer);
    const { owner, workspaceId } = await server.workspace();
    const docs = Array.from({ length: count }, (_, i) => `doc${i}`);
    for (let i = 0; i < docs.length; i += 16) {
      const answer = await postBatch(
        owner.client,
        workspaceId,
        docs.slice(i, i + 16).map((docId) => ({
          docId,
          stateVector: EMPTY_SV,
          update: textUpdate(`Документ ${docId}`)
        }))
      );
      if (answer.status !== 200) throw new Error(`seeding answered ${answer.status}`);
    }
    const device = await Device.create(workspaceId, owner.client);
    defer(() => device.destroy());
    return { server, owner: owner.client, workspaceId, docs, device };
  }

  it('WS6 a new device gets every room once; with nothing changed the next sync is one request and exchanges nothing', async () => {
    const { docs, device } = await workspaceWith(20);
    const first = await device.sync.syncNow();
    expect(first.completed).toBe(true);
    expect([...first.exchanged].sort()).toEqual([...docs].sort());
    expect(device.sync.state).toMatchObject({ done: 20, total: 20, error: null });
    expect(await device.textOf('doc7')).toBe('Документ doc7');

    const before = device.transport.counters.requests;
    const second = await device.sync.syncNow();
    expect(second).toEqual({ exchanged: [], pushed: [], completed: true });
    expect(device.transport.counters.requests - before).toBe(1);
  });

  it('WS7 a room changed on the server is the only one exchanged, and its new content is on the device; WS15 the search index is told about exactly that room', async () => {
    const { owner, workspaceId, device } = await workspaceWith(12);
    await device.sync.syncNow();
    device.changedRooms.length = 0;
    device.changedTexts.length = 0;
    const elsewhere = new Y.Doc();
    elsewhere.getText('body').insert(0, 'Документ doc3');
    const answer = await postBatch(owner, workspaceId, [
      { docId: 'doc3', stateVector: EMPTY_SV, update: textUpdate(' и план выставки') }
    ]);
    expect(answer.status).toBe(200);

    const report = await device.sync.syncNow();
    expect(report.exchanged).toEqual(['doc3']);
    expect(report.pushed).toEqual([]);
    expect(await device.textOf('doc3')).toContain('и план выставки');
    expect(device.changedRooms).toEqual(['doc3']);
    expect(device.changedTexts[0]).toContain('и план выставки');
  });

  it('WS8 a local change not on the server is pushed, only that room, and then counts as synced', async () => {
    const { server, workspaceId, device } = await workspaceWith(10);
    await device.sync.syncNow();
    await device.withLocalDoc('doc5', (doc) => doc.getText('body').insert(0, 'Офлайн: '));
    // Also a document created on this device that the server has never seen.
    await device.withLocalDoc('fresh', (doc) => doc.getText('body').insert(0, 'Новый'));
    device.unsynced.mark(`${workspaceId}/doc5`);
    device.unsynced.mark(`${workspaceId}/fresh`);

    const report = await device.sync.syncNow();
    expect([...report.pushed].sort()).toEqual(['doc5', 'fresh']);
    expect([...report.exchanged].sort()).toEqual(['doc5', 'fresh']);
    expect(device.unsynced.list(workspaceId)).toEqual([]);
    expect(device.sync.state.unsynced).toEqual([]);
    const reader = new StoreReader(dbFileIn(server.dataDir));
    defer(() => reader.close());
    expect(reader.doc(`${workspaceId}/doc5`).getText('body').toString()).toBe(
      'Офлайн: Документ doc5'
    );
    expect(reader.doc(`${workspaceId}/fresh`).getText('body').toString()).toBe('Новый');

    // Its own pushes moved those rooms' clocks; it knows them, so nothing is exchanged again.
    expect(await device.sync.syncNow()).toEqual({ exchanged: [], pushed: [], completed: true });
  });

  it('WS9 a device of someone removed from the workspace is refused, keeps its copy and says why', async () => {
    const { server, owner, workspaceId } = await workspaceWith(3);
    const viewer = await server.member(owner, workspaceId, 'viewer', 'Вера Зрительница');
    const device = await Device.create(workspaceId, viewer.client);
    defer(() => device.destroy());
    await device.sync.syncNow();
    expect(await device.textOf('doc1')).toBe('Документ doc1');

    const removed = await owner.delete(`/api/workspaces/${workspaceId}/members/${viewer.id}`);
    expect(removed.status).toBe(204);
    await postBatch(owner, workspaceId, [
      { docId: 'doc1', stateVector: EMPTY_SV, update: textUpdate('секрет') }
    ]);
    const report = await device.sync.syncNow();
    expect(report.completed).toBe(false);
    expect(device.sync.state.error).toBe('forbidden');
    expect(await device.textOf('doc1')).toBe('Документ doc1');
  });

  it('WS10 a sync asked for while one runs is joined to it, not run twice at once', async () => {
    const { docs, device } = await workspaceWith(6);
    const [a, b] = await Promise.all([device.sync.syncNow(), device.sync.syncNow()]);
    expect(a).toBe(b);
    expect(a.exchanged).toHaveLength(docs.length);
  });

  it('WS20 two tabs of one device sync one at a time; the waiting tab shows the other tab’s progress, then has nothing left to do', async () => {
    const { workspaceId, device } = await workspaceWith(20);
    // A second tab: the same device (IndexedDB, clocks), its own WorkspaceSync.
    const otherTab = new WorkspaceSync(workspaceId, {
      transport: device.transport,
      meta: device.meta,
      unsynced: device.unsynced,
      batchRooms: 4
    });
    defer(() => otherTab.destroy());
    const seenWhileWaiting: { done: number; total: number }[] = [];
    otherTab.subscribe(() => {
      const { phase, done, total } = otherTab.state;
      if (phase === 'waiting' && total > 0) seenWhileWaiting.push({ done, total });
    });
    const first = device.sync.syncNow();
    const second = otherTab.syncNow();
    const [a, b] = await Promise.all([first, second]);
    expect([...a.exchanged].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `doc${i}`).sort());
    expect(b.exchanged).toEqual([]);
    expect(seenWhileWaiting.length).toBeGreaterThan(0);
    expect(seenWhileWaiting.every((p) => p.total === 20)).toBe(true);
    // Progress only goes forward (the last message may come after this tab took its turn).
    const done = seenWhileWaiting.map((p) => p.done);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(Math.max(...done)).toBeGreaterThan(0);
  });

  it('WS21 a lone tab never says it waits for another tab, a second one waits only while the first holds the turn', async () => {
    const { device } = await workspaceWith(3);
    const phases: string[] = [];
    device.sync.subscribe(() => phases.push(device.sync.state.phase));
    await device.sync.syncNow();
    await device.sync.syncNow();
    expect(phases).toContain('checking');
    expect(phases).not.toContain('waiting');
  });

  it('WS19 rooms a bounded answer leaves out are asked for again: nothing unanswered counts as synced, and the run completes', async () => {
    // An answer holds two of these rooms; the new device asks for all six at once.
    const server = await ApiServer.start(defer, { batchAnswerBytes: 2500 });
    const { owner, workspaceId } = await server.workspace();
    const docs = Array.from({ length: 6 }, (_, i) => `big${i}`);
    const text = (docId: string) => `${docId} `.repeat(200);
    const seeded = await postBatch(
      owner.client,
      workspaceId,
      docs.map((docId) => ({ docId, stateVector: EMPTY_SV, update: textUpdate(text(docId)) }))
    );
    expect(seeded.status).toBe(200);
    const device = await Device.create(workspaceId, owner.client);
    defer(() => device.destroy());
    await device.withLocalDoc('big4', (doc) => doc.getText('body').insert(0, 'Офлайн: '));
    device.unsynced.mark(`${workspaceId}/big4`);

    const answered: string[][] = [];
    const exchange = device.transport.exchange;
    device.transport.exchange = async (entries) => {
      const answers = await exchange(entries);
      answered.push(answers.map((a) => a.docId));
      return answers;
    };
    const before = device.transport.counters.requests;
    const report = await device.sync.syncNow();
    expect(report.completed).toBe(true);
    expect(answered.length).toBeGreaterThan(1);
    expect(answered[0]!.length).toBeLessThan(docs.length);
    expect(answered.flat().sort()).toEqual([...docs].sort());
    expect([...report.exchanged].sort()).toEqual([...docs].sort());
    expect(report.pushed).toEqual(['big4']);
    expect(device.transport.counters.requests - before).toBe(1 + answered.length);
    expect(device.sync.state).toMatchObject({ done: docs.length, total: docs.length });
    expect(device.unsynced.list(workspaceId)).toEqual([]);
    for (const docId of docs) expect(await device.textOf(docId)).toContain(text(docId));
    const reader = new StoreReader(dbFileIn(server.dataDir));
    defer(() => reader.close());
    expect(reader.doc(`${workspaceId}/big4`).getText('body').toString()).toContain('Офлайн: ');

    // Every room's clock was recorded when it was answered: nothing is left to exchange.
    expect(await device.sync.syncNow()).toEqual({ exchanged: [], pushed: [], completed: true });
  });
});
