import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../../server/db/postgres.ts';
import { PostgresStorage } from '../../../server/storage/PostgresStorage.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { awarenessFrame, MSG_AWARENESS, messageType, syncStep1Frame } from '../helpers/frames.ts';
import { waitFor } from '../helpers/wait.ts';
import { Cluster, textSeenBy, type } from './cluster.ts';
import * as decoding from 'lib0/decoding';

describe('FO rooms shared by two instances over Redis', () => {
  const defer = deferCleanup();
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start(2);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  async function pair(docId: string) {
    const { owner, member, workspaceId } = await cluster.team('editor');
    const room = `${workspaceId}/${docId}`;
    const onA = await cluster.socket(0, room, owner);
    const onB = await cluster.socket(1, room, member);
    defer(() => onA.close());
    defer(() => onB.close());
    // Both are in the room (each has its step 1 from the server) before anyone types.
    for (const c of [onA, onB]) {
      c.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
      await c.next((f) => messageType(f) === 0, 'the server starts the handshake');
    }
    return { room, onA, onB, owner, member, workspaceId };
  }

  it('FO2 an edit acknowledged on instance A is in PostgreSQL and reaches a client on instance B, stored once; B’s edit comes back to A the same way', async () => {
    const { room, onA, onB } = await pair('plan-proekta');
    const docA = new Y.Doc();
    await type(onA, docA, 'Цель проекта: ');
    // Acknowledged means committed: the row is there when the "saved" message arrives.
    expect(await cluster.storedUpdates(room)).toBe(1);
    await waitFor(() => textSeenBy(onB) === 'Цель проекта: ', 'B’s client sees A’s edit');

    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    await type(onB, docB, 'народные ремёсла.');
    expect(await cluster.storedUpdates(room)).toBe(2);
    await waitFor(
      () => textSeenBy(onA, docA) === 'Цель проекта: народные ремёсла.',
      'A’s client sees B’s edit'
    );
    // Forwarded, not stored again by the instance that received it.
    expect(await cluster.storedUpdates(room)).toBe(2);
  });

  it('FO3 an update whose message never came (stored by another writer, not published) is refilled from PostgreSQL when the next one shows the gap', async () => {
    const { room, onA, onB } = await pair('otchet');
    const docA = new Y.Doc();
    await type(onA, docA, 'Раздел 1. ');
    await waitFor(() => textSeenBy(onB) === 'Раздел 1. ', 'B follows A');

    // A third writer commits to PostgreSQL and its message is lost.
    const pool = await connectPostgres(cluster.database.url);
    defer(() => pool.end());
    const storage = await PostgresStorage.open(pool);
    const lost = new Y.Doc();
    Y.applyUpdate(lost, Y.encodeStateAsUpdate(docA));
    const sv = Y.encodeStateVector(lost);
    lost.getText('body').insert(lost.getText('body').length, 'Итоги года. ');
    await storage.append([{ room, update: Y.encodeStateAsUpdate(lost, sv) }]);

    await type(onA, docA, 'Раздел 2.');
    await waitFor(() => {
      const seen = textSeenBy(onB);
      return seen.includes('Итоги года. ') && seen.includes('Раздел 2.');
    }, 'B refills what it missed and shows everything');
    expect(textSeenBy(onB)).toMatch(/^Раздел 1\. /);
  });

  it('FO10 the last update of a room, stored by an instance that died before publishing it, reaches both instances’ clients once its heartbeats stop, with no later edit to show the gap', async () => {
    const { room, onA, onB } = await pair('itogi');
    const docA = new Y.Doc();
    await type(onA, docA, 'Раздел 1. ');
    await waitFor(() => textSeenBy(onB) === 'Раздел 1. ', 'B follows A');

    // A third instance: heard alive on Redis, then it stores an update and dies unpublished.
    const ghost = new Redis(cluster.redis.url);
    defer(() => ghost.quit().then(() => undefined));
    const beat = () => ghost.publish('uzel:alive', 'ghost-instance');
    await beat();
    const beating = setInterval(() => void beat(), 500);
    defer(() => clearInterval(beating));
    const pool = await connectPostgres(cluster.database.url);
    defer(() => pool.end());
    const storage = await PostgresStorage.open(pool);
    const last = new Y.Doc();
    Y.applyUpdate(last, Y.encodeStateAsUpdate(docA));
    const sv = Y.encodeStateVector(last);
    last.getText('body').insert(last.getText('body').length, 'Последняя правка.');
    await storage.append([{ room, update: Y.encodeStateAsUpdate(last, sv) }]);
    // While the ghost is heard, nothing shows B the update (no later message of the room).
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(textSeenBy(onB)).toBe('Раздел 1. ');
    clearInterval(beating);

    // Nobody types again: both instances resync when the ghost falls silent.
    const diedAt = Date.now();
    await waitFor(
      () =>
        textSeenBy(onA, docA) === 'Раздел 1. Последняя правка.' &&
        textSeenBy(onB) === 'Раздел 1. Последняя правка.',
      'the stored update reaches the clients of both instances',
      10_000
    );
    expect(Date.now() - diedAt).toBeLessThan(8000);
  });

  it('FO5 presence set on instance A shows on instance B under the authenticated name, and nothing of it is stored', async () => {
    const { room, onA, onB } = await pair('vstrecha');
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Кто-то другой', color: '#aa3355' }, cursor: null });
    const before = onB.received.length;
    onA.send(awarenessFrame(awareness, [doc.clientID]));
    const { frame } = await onB.next(
      (f) => messageType(f) === MSG_AWARENESS,
      'B hears A’s presence',
      before
    );
    const d = decoding.createDecoder(frame);
    decoding.readVarUint(d);
    const remote = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(remote, decoding.readVarUint8Array(d), 'test');
    const state = remote.getStates().get(doc.clientID) as { user: { name: string } };
    expect(state.user.name).toBe('Анна Лобанова');
    expect(await cluster.storedUpdates(room)).toBe(0);
    awareness.destroy();
  });
});
