import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { messageType, syncStep1Frame } from '../helpers/frames.ts';
import { waitFor } from '../helpers/wait.ts';
import { Cluster, textSeenBy, type } from './cluster.ts';

describe('FO Redis restarting under two instances', () => {
  const defer = deferCleanup();
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start(2);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('FO4 edits acknowledged while Redis is down are in PostgreSQL; when it is back the other instance resyncs them and fan-out resumes', async () => {
    const { owner, member, workspaceId } = await cluster.team('editor');
    const room = `${workspaceId}/programma`;
    const onA = await cluster.socket(0, room, owner);
    const onB = await cluster.socket(1, room, member);
    defer(() => onA.close());
    defer(() => onB.close());
    for (const c of [onA, onB]) {
      c.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
      await c.next((f) => messageType(f) === 0, 'the server starts the handshake');
    }
    const docA = new Y.Doc();
    await type(onA, docA, 'До перезапуска. ');
    await waitFor(() => textSeenBy(onB) === 'До перезапуска. ', 'B follows A');

    await cluster.redis.stop();
    // Redis is down: the edit is still committed and acknowledged on A.
    await type(onA, docA, 'Пока Redis лежит. ');
    expect(await cluster.storedUpdates(room)).toBe(2);

    await cluster.redis.start();
    await waitFor(
      () => textSeenBy(onB) === 'До перезапуска. Пока Redis лежит. ',
      'B resyncs from PostgreSQL once Redis is back',
      15_000
    );
    await type(onA, docA, 'После.');
    await waitFor(
      () => textSeenBy(onB) === 'До перезапуска. Пока Redis лежит. После.',
      'fan-out resumes',
      5_000
    );
  });
});
