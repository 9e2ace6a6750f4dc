import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { syncStep1Frame, messageType } from '../helpers/frames.ts';
import type { RawClient } from '../helpers/rawClient.ts';
import { waitFor } from '../helpers/wait.ts';
import { Cluster, textSeenBy, type } from './cluster.ts';

const METRICS_TOKEN = 'compaction-test-metrics-token';

describe('FO11 two instances holding one room compact and evict it safely', () => {
  const defer = deferCleanup();
  let cluster: Cluster;

  beforeAll(async () => {
    // Compaction after every few updates, and a room nobody is connected to evicted quickly.
    cluster = await Cluster.start(2, {
      COMPACT_AFTER_UPDATES: '3',
      ROOM_IDLE_MS: '300',
      METRICS_TOKEN
    });
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  async function joined(index: number, room: string, person: Parameters<Cluster['socket']>[2]) {
    const client = await cluster.socket(index, room, person);
    defer(() => client.close());
    client.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    await client.next((f) => messageType(f) === 0, 'the server starts the handshake');
    return client;
  }

  async function roomsInMemory(index: number): Promise<number> {
    const res = await fetch(`${cluster.instances[index]!.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` }
    });
    const line = (await res.text()).split('\n').find((l) => l.startsWith('uzel_rooms_in_memory '));
    return Number(line!.split(' ')[1]);
  }

  /** The room's text from PostgreSQL's rows alone, and how many update rows are left. */
  async function stored(room: string): Promise<{ text: string; rows: number }> {
    const { rows } = await cluster.pool.query<{ data: Buffer; kind: number }>(
      `SELECT data, kind FROM (
         SELECT 0 AS kind, 0::int8 AS seq, data FROM room_snapshots WHERE room = $1
         UNION ALL SELECT 1, seq, data FROM room_updates WHERE room = $1
       ) AS stored ORDER BY kind, seq`,
      [room]
    );
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    const text = doc.getText('body').toString();
    doc.destroy();
    return { text, rows: rows.filter((r) => r.kind === 1).length };
  }

  const pieces = (text: string) => text.split(';').filter(Boolean).sort();

  it('FO11 edits from both instances survive both compacting the room, and one evicting it while the other writes on; every edit is stored once', async () => {
    const { owner, member, workspaceId } = await cluster.team('editor');
    const room = `${workspaceId}/plan-vystavki`;
    const onA = await joined(0, room, owner);
    let onB: RawClient = await joined(1, room, member);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const written: string[] = [];
    for (let i = 0; i < 8; i++) {
      await type(onA, docA, `анна-${i};`);
      await type(onB, docB, `ирина-${i};`);
      written.push(`анна-${i}`, `ирина-${i}`);
    }
    await waitFor(
      async () => (await stored(room)).rows < written.length,
      'the instances compacted the room'
    );
    expect(pieces((await stored(room)).text)).toEqual([...written].sort());

    // B's last client leaves: B stores and evicts its copy while A goes on.
    onB.close();
    await waitFor(async () => (await roomsInMemory(1)) === 0, 'instance B evicted the room');
    for (let i = 8; i < 14; i++) {
      await type(onA, docA, `анна-${i};`);
      written.push(`анна-${i}`);
    }

    // Back on B: the room is read again from PostgreSQL, with everything A wrote meanwhile.
    onB = await joined(1, room, member);
    await waitFor(
      () => pieces(textSeenBy(onB)).join() === [...written].sort().join(),
      'B’s new client gets every edit'
    );
    const docB2 = new Y.Doc();
    Y.applyUpdate(docB2, Y.encodeStateAsUpdate(docA));
    await type(onB, docB2, 'ирина-итог;');
    written.push('ирина-итог');
    await waitFor(
      () => pieces(textSeenBy(onA, docA)).includes('ирина-итог'),
      'A’s client sees B’s last edit'
    );
    expect(pieces((await stored(room)).text)).toEqual([...written].sort());
  });
});
