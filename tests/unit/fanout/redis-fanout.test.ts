import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisFanout } from '../../../server/fanout/RedisFanout.ts';
import type { ClusterEvent, RoomUpdate } from '../../../server/fanout/Fanout.ts';
import { createLogger } from '../../../server/log.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { startRedis, type TestRedis } from '../helpers/redisServer.ts';
import { waitFor } from '../helpers/wait.ts';

const ROOM = 'ws-kursk/doc-vystavka';
const log = createLogger('silent');

describe('FO the Redis fan-out engine', () => {
  const defer = deferCleanup();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  async function instance() {
    const fanout = await RedisFanout.connect(redis.url, log);
    defer(() => fanout.close());
    const updates: RoomUpdate[] = [];
    const presence: Uint8Array[] = [];
    const events: ClusterEvent[] = [];
    let reconnects = 0;
    fanout.onEvent((e) => events.push(e));
    fanout.onReconnect(() => reconnects++);
    await fanout.subscribe(ROOM, {
      update: (m) => updates.push(m),
      presence: (u) => presence.push(u)
    });
    return { fanout, updates, presence, events, reconnects: () => reconnects };
  }

  it('FO2 an update, presence and an account event reach the other instance, never their sender; after a Redis restart the subscriptions come back and a resync is asked for', async () => {
    const a = await instance();
    const b = await instance();
    const update = new Uint8Array([1, 2, 3, 250]);
    a.fanout.publishUpdates([{ room: ROOM, seq: 7, prevSeq: 3, update }]);
    a.fanout.publishPresence(ROOM, new Uint8Array([9]));
    a.fanout.publishEvent({
      kind: 'membership',
      change: { workspaceId: 'ws-kursk', userId: 'u1', role: 'viewer' }
    });
    await waitFor(
      () => b.updates.length === 1 && b.presence.length === 1 && b.events.length === 1,
      'B hears A'
    );
    expect(b.updates[0]).toEqual({ room: ROOM, seq: 7, prevSeq: 3, update });
    expect(b.events[0]).toEqual({
      kind: 'membership',
      change: { workspaceId: 'ws-kursk', userId: 'u1', role: 'viewer' }
    });
    expect(a.updates).toEqual([]);
    expect(a.presence).toEqual([]);
    expect(a.events).toEqual([]);

    await redis.restart();
    await waitFor(
      () => a.reconnects() === 1 && b.reconnects() === 1,
      'both instances resync',
      15_000
    );
    await waitFor(() => b.fanout.connected, 'B can publish again');
    b.fanout.publishUpdates([{ room: ROOM, seq: 9, prevSeq: 7, update }]);
    await waitFor(() => a.updates.length === 1, 'fan-out resumes after the restart');
    expect(a.updates[0]!.seq).toBe(9);
  });
});
