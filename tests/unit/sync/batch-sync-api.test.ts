import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeBatchRequest, MAX_BATCH_ROOMS } from '../../../src/lib/shared/protocol/syncBatch.ts';
import { ApiServer } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { dbFileIn } from '../helpers/relay.ts';
import { StoreReader } from '../helpers/storedDoc.ts';
import { waitFor } from '../helpers/wait.ts';
import { postBatch, postBatchBytes } from './batchHttp.ts';

const EMPTY_SV = Y.encodeStateVector(new Y.Doc());

function textUpdate(text: string, doc = new Y.Doc()): Uint8Array {
  doc.getText('body').insert(doc.getText('body').length, text);
  return Y.encodeStateAsUpdate(doc);
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

describe('batch sync over HTTP', () => {
  const defer = deferCleanup();

  async function setup(batchAnswerBytes?: number) {
    const server = await ApiServer.start(defer, { batchAnswerBytes });
    const { owner, workspaceId } = await server.workspace();
    const store = () => {
      const reader = new StoreReader(dbFileIn(server.dataDir));
      defer(() => reader.close());
      return reader;
    };
    return { server, owner: owner.client, workspaceId, store };
  }

  it('WS2 changes lists only the rooms of the workspace changed after the clock', async () => {
    const { server, owner, workspaceId } = await setup();
    const other = await server.workspace('Другая сеть');
    const empty = await owner.get(`/api/workspaces/${workspaceId}/changes?since=0`);
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ clock: 0, rooms: [], more: false });

    await postBatch(owner, workspaceId, [
      { docId: 'a', stateVector: EMPTY_SV, update: textUpdate('первый') },
      { docId: 'b', stateVector: EMPTY_SV, update: textUpdate('второй') }
    ]);
    await postBatch(other.owner.client, other.workspaceId, [
      { docId: 'x', stateVector: EMPTY_SV, update: textUpdate('чужой') }
    ]);
    const all = (await owner.get(`/api/workspaces/${workspaceId}/changes?since=0`)).json;
    expect(all.rooms.map((r: { doc: string }) => r.doc).sort()).toEqual(['a', 'b']);
    expect(all.rooms.every((r: { bytes: number }) => r.bytes > 0)).toBe(true);

    // Nothing changed since: an empty answer with the same clock.
    const none = (await owner.get(`/api/workspaces/${workspaceId}/changes?since=${all.clock}`))
      .json;
    expect(none).toEqual({ clock: all.clock, rooms: [], more: false });

    await postBatch(owner, workspaceId, [
      { docId: 'b', stateVector: EMPTY_SV, update: textUpdate('ещё') }
    ]);
    const one = (await owner.get(`/api/workspaces/${workspaceId}/changes?since=${all.clock}`)).json;
    expect(one.rooms.map((r: { doc: string }) => r.doc)).toEqual(['b']);
    expect(one.clock).toBeGreaterThan(all.clock);

    const paged = (await owner.get(`/api/workspaces/${workspaceId}/changes?since=0&limit=1`)).json;
    expect(paged.rooms).toHaveLength(1);
    expect(paged.more).toBe(true);
  });

  it('WS3 a batch answers what the client lacks, and a pushed update is committed before the answer and reaches connected peers', async () => {
    const { owner, workspaceId, store } = await setup();
    const tokenRes = await owner.post(`/api/workspaces/${workspaceId}/token`);
    const { token } = tokenRes.json as { token: string };
    const peer = new Y.Doc();
    const provider = new WebsocketProvider(
      (owner.baseUrl.replace(/^http/, 'ws') + '/sync') as string,
      `${workspaceId}/plan`,
      peer,
      { WebSocketPolyfill: WebSocket as never, params: { token }, disableBc: true }
    );
    defer(() => provider.destroy());
    await waitFor(() => provider.synced, 'the peer has synced');

    const local = new Y.Doc();
    const update = textUpdate('План', local);
    const pushed = await postBatch(owner, workspaceId, [
      { docId: 'plan', stateVector: Y.encodeStateVector(local), update },
      { docId: 'empty', stateVector: EMPTY_SV, update: null }
    ]);
    expect(pushed.status).toBe(200);
    // Committed before the answer: another connection to the file already reads it.
    expect(store().doc(`${workspaceId}/plan`).getText('body').toString()).toBe('План');
    await waitFor(() => peer.getText('body').toString() === 'План', 'the peer got the push');
    const [plan, empty] = pushed.entries!;
    expect(plan!.docId).toBe('plan');
    expect(plan!.clock).toBeGreaterThan(0);
    expect(textOf(plan!.update)).toBe(''); // it had everything already
    expect(empty).toMatchObject({ docId: 'empty', clock: 0 });

    // A peer's edit, then a client that knows only the old state gets exactly the rest.
    peer.getText('body').insert(4, ' занятий');
    await waitFor(
      () => store().doc(`${workspaceId}/plan`).getText('body').toString() === 'План занятий',
      'the peer edit is stored'
    );
    const pulled = await postBatch(owner, workspaceId, [
      { docId: 'plan', stateVector: Y.encodeStateVector(local), update: null }
    ]);
    Y.applyUpdate(local, pulled.entries![0]!.update);
    expect(local.getText('body').toString()).toBe('План занятий');
    expect(pulled.entries![0]!.clock).toBeGreaterThan(plan!.clock);
    expect(pulled.entries![0]!.stateVector).toEqual(Y.encodeStateVector(local));
  });

  it('WS4 only members sync: signed out 401, another workspace 404 as unknown, a viewer reads but cannot write', async () => {
    const { server, owner, workspaceId, store } = await setup();
    await postBatch(owner, workspaceId, [
      { docId: 'plan', stateVector: EMPTY_SV, update: textUpdate('Договор') }
    ]);
    const entry = { docId: 'plan', stateVector: EMPTY_SV, update: null };

    const anonymous = server.client();
    expect((await postBatch(anonymous, workspaceId, [entry])).status).toBe(401);
    expect((await anonymous.get(`/api/workspaces/${workspaceId}/changes`)).status).toBe(401);

    const stranger = await server.person('Чужой человек');
    const foreign = await postBatch(stranger.client, workspaceId, [entry]);
    expect(foreign.status).toBe(404);
    expect(foreign.error!.error).toBe('not_found');
    const unknown = await postBatch(stranger.client, 'no-such-workspace', [entry]);
    expect(unknown).toEqual(foreign);
    expect((await stranger.client.get(`/api/workspaces/${workspaceId}/changes`)).status).toBe(404);

    const viewer = await server.member(owner, workspaceId, 'viewer', 'Вера Зрительница');
    const read = await postBatch(viewer.client, workspaceId, [entry]);
    expect(textOf(read.entries![0]!.update)).toBe('Договор');
    const write = await postBatch(viewer.client, workspaceId, [
      entry,
      { docId: 'other', stateVector: EMPTY_SV, update: textUpdate('взлом') }
    ]);
    expect(write.status).toBe(403);
    expect(write.error!.error).toBe('read_only');
    expect(store().doc(`${workspaceId}/other`).getText('body').toString()).toBe('');
  });

  it('WS5 a malformed batch is refused whole with a named error, and nothing of it is stored', async () => {
    const { owner, workspaceId, store } = await setup();
    const good = { docId: 'good', stateVector: EMPTY_SV, update: textUpdate('хорошо') };
    const refusals: [Uint8Array, RegExp][] = [
      [new Uint8Array([1, 1, 200]), /cut short/],
      [new Uint8Array([9, 0]), /version 9/],
      [encodeBatchRequest([]), /names no document/],
      [encodeBatchRequest([good, { ...good }]), /appears twice/],
      [encodeBatchRequest([{ ...good, docId: '../etc' }]), /invalid document id/],
      [
        encodeBatchRequest([
          good,
          { docId: 'bad', stateVector: EMPTY_SV, update: new Uint8Array([1, 2, 3]) }
        ]),
        /not valid Yjs data/
      ],
      [new Uint8Array([...encodeBatchRequest([good]), 0]), /trailing bytes/],
      [
        encodeBatchRequest(
          Array.from({ length: MAX_BATCH_ROOMS + 1 }, (_, i) => ({ ...good, docId: `d${i}` }))
        ),
        /at most 64/
      ]
    ];
    for (const [body, message] of refusals) {
      const answer = await postBatchBytes(owner, workspaceId, body);
      expect(answer.status, String(message)).toBe(400);
      expect(answer.error!.error).toBe('invalid_batch');
      expect(answer.error!.message).toMatch(message);
    }
    expect(store().doc(`${workspaceId}/good`).getText('body').toString()).toBe('');

    const json = await postBatchBytes(
      owner,
      workspaceId,
      encodeBatchRequest([good]),
      'application/json'
    );
    expect(json.status).toBe(415);
    const huge = await postBatchBytes(owner, workspaceId, new Uint8Array(9 * 1024 * 1024));
    expect(huge.status).toBe(413);
    const noOrigin = await fetch(`${owner.baseUrl}/api/workspaces/${workspaceId}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-uzel-sync', cookie: owner.cookie! },
      body: encodeBatchRequest([good]) as BodyInit
    });
    expect(noOrigin.status).toBe(403);
    for (const query of ['since=-1', 'since=abc', 'limit=0', 'since=1e5']) {
      const res = await owner.get(`/api/workspaces/${workspaceId}/changes?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error).toBe('invalid_input');
    }
  });

  it('WS18 the answer stops at its byte budget, in request order; the first room is always answered; every push is committed', async () => {
    const { owner, workspaceId, store } = await setup(2000);
    // Four rooms of about 800 answer bytes each: two fit under 2000, a third would not.
    const rooms = ['s1', 's2', 's3', 's4'];
    const answer = await postBatch(
      owner,
      workspaceId,
      rooms.map((docId) => ({
        docId,
        stateVector: EMPTY_SV,
        update: textUpdate(`${docId} `.repeat(250))
      }))
    );
    expect(answer.status).toBe(200);
    expect(answer.entries!.map((e) => e.docId)).toEqual(['s1', 's2']);
    expect(textOf(answer.entries![1]!.update)).toBe('s2 '.repeat(250));
    // The rooms left out of the answer were stored all the same.
    const reader = store();
    for (const docId of rooms) {
      expect(reader.doc(`${workspaceId}/${docId}`).getText('body').toString()).toBe(
        `${docId} `.repeat(250)
      );
    }

    // A first room larger than the whole budget is still answered, alone.
    await postBatch(owner, workspaceId, [
      { docId: 'big', stateVector: EMPTY_SV, update: textUpdate('большой '.repeat(400)) }
    ]);
    const large = await postBatch(owner, workspaceId, [
      { docId: 'big', stateVector: EMPTY_SV, update: null },
      { docId: 's1', stateVector: EMPTY_SV, update: null }
    ]);
    expect(large.entries!.map((e) => e.docId)).toEqual(['big']);
    expect(large.entries![0]!.update.byteLength).toBeGreaterThan(2000);
    expect(textOf(large.entries![0]!.update)).toBe('большой '.repeat(400));
  });
});
