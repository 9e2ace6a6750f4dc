import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OFF_THREAD_BYTES } from '../../../server/relay/AnswerWorker.ts';
import { ApiServer } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { postBatch } from '../sync/batchHttp.ts';

describe('RL9 large batch-sync work leaves the event loop free', () => {
  const defer = deferCleanup();

  it('RL9 a large room is answered (off the event loop) with exactly what the client lacks', async () => {
    const server = await ApiServer.start(defer);
    const { owner, workspaceId } = await server.workspace();
    const doc = new Y.Doc();
    const text = 'Большой документ. '.repeat(Math.ceil(OFF_THREAD_BYTES / 20));
    doc.getText('body').insert(0, text);
    const empty = Y.encodeStateVector(new Y.Doc());
    const written = await postBatch(owner.client, workspaceId, [
      { docId: 'big', stateVector: empty, update: Y.encodeStateAsUpdate(doc) }
    ]);
    expect(written.status).toBe(200);
    const answer = await postBatch(owner.client, workspaceId, [
      { docId: 'big', stateVector: empty, update: null }
    ]);
    expect(answer.status).toBe(200);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, answer.entries![0]!.update);
    expect(copy.getText('body').toString()).toBe(text);
    expect(answer.entries![0]!.stateVector).toEqual(Y.encodeStateVector(doc));

    const upToDate = await postBatch(owner.client, workspaceId, [
      { docId: 'big', stateVector: Y.encodeStateVector(doc), update: null }
    ]);
    const nothing = new Y.Doc();
    Y.applyUpdate(nothing, upToDate.entries![0]!.update);
    expect(nothing.getText('body').toString()).toBe('');
  });
});
