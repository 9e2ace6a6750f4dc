import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { messageType, syncStep1Frame, updateFrame } from '../helpers/frames.ts';
import type { RawClient } from '../helpers/rawClient.ts';
import { Cluster } from './cluster.ts';

const MAX_CONNECTIONS = 2;
/** A person's write budget, small enough to spend in a few seconds. */
const PERSON_BYTES_PER_SECOND = 1000;
const MAX_MESSAGE_BYTES = 4096;

describe('FO account events and limits across instances', () => {
  const defer = deferCleanup();
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start(2, {
      MAX_CONNECTIONS_PER_USER: String(MAX_CONNECTIONS),
      USER_WRITE_BYTES_PER_SECOND: String(PERSON_BYTES_PER_SECOND),
      MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES)
    });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  /** A socket that has been let into the room (the server sent its step 1). */
  async function admitted(socket: Promise<RawClient>): Promise<RawClient> {
    const client = await socket;
    defer(() => client.close());
    client.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    await client.next((f) => messageType(f) === 0, 'the server lets the socket in');
    return client;
  }

  it('FO6 an owner on instance A makes an editor a viewer: the editor’s socket on instance B is closed at once (4100) and reconnects as a viewer; removing them closes it with 4403', async () => {
    const { owner, member, workspaceId } = await cluster.team('editor');
    const room = `${workspaceId}/plan`;
    const onB = await admitted(cluster.socket(1, room, member));
    const changed = await owner.client.patch(
      `/api/workspaces/${workspaceId}/members/${member.id}`,
      {
        role: 'viewer'
      }
    );
    expect(changed.status).toBeLessThan(300);
    expect((await onB.closed('B closes the downgraded editor')).code).toBe(4100);

    const again = await admitted(cluster.socket(1, room, member));
    const removed = await owner.client.delete(
      `/api/workspaces/${workspaceId}/members/${member.id}`
    );
    expect(removed.status).toBeLessThan(300);
    expect((await again.closed('B closes the removed member')).code).toBe(4403);
  });

  it('FO6 signing out on instance A closes that session’s socket on instance B (4401)', async () => {
    const { member, workspaceId } = await cluster.team('editor');
    const onB = await admitted(cluster.socket(1, `${workspaceId}/zametki`, member));
    const out = await member.client.post('/api/auth/logout');
    expect(out.status).toBeLessThan(300);
    expect((await onB.closed('B closes the signed-out session')).code).toBe(4401);
  });

  it('FO7 a person’s connections count on both instances together: past MAX_CONNECTIONS_PER_USER the next one is refused (4530) wherever it lands', async () => {
    const { member, workspaceId } = await cluster.team('editor');
    const room = `${workspaceId}/kalendar`;
    const first = await admitted(cluster.socket(0, room, member));
    await admitted(cluster.socket(1, room, member));
    // Instance A holds one of the person's connections: alone it would let a second in.
    const third = await cluster.socket(0, room, member);
    defer(() => third.close());
    expect((await third.closed('A refuses a third connection')).code).toBe(4530);
    expect(first.closedWith).toBeNull();
  });

  it('FO12 a person’s write bytes count on both instances together: sending to each below what one instance allows, together above it, closes a connection with 4531', async () => {
    const { member, workspaceId } = await cluster.team('editor');
    const room = `${workspaceId}/smeta`;
    const sockets = [
      await admitted(cluster.socket(0, room, member)),
      await admitted(cluster.socket(1, room, member))
    ];
    const docs = [new Y.Doc(), new Y.Doc()];
    const sent = [0, 0];
    const startedAt = Date.now();
    // Each instance gets 900 bytes a second (its own bucket refills 1000 a second and holds a
    // 4096-byte burst): alone, neither would ever refuse. Together it is 1800 a second.
    while (Date.now() - startedAt < 15_000 && sockets.every((s) => s.closedWith === null)) {
      for (const i of [0, 1]) {
        const before = Y.encodeStateVector(docs[i]!);
        docs[i]!.getText('body').insert(0, 'с'.repeat(215));
        const frame = updateFrame(Y.encodeStateAsUpdate(docs[i]!, before));
        sockets[i]!.send(frame);
        sent[i]! += frame.byteLength;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const elapsed = (Date.now() - startedAt) / 1000;
    const closed = sockets.find((s) => s.closedWith !== null);
    expect(closed?.closedWith?.code).toBe(4531);
    for (const bytes of sent)
      expect(bytes).toBeLessThan(MAX_MESSAGE_BYTES + PERSON_BYTES_PER_SECOND * elapsed);
  }, 30_000);

  it('FO8 failed sign-ins count on both instances together: the eleventh for one e-mail is refused (429) on either', async () => {
    const email = `zabyla.parol.${Date.now()}@example.org`;
    const clients = cluster.instances.map((i) => new ApiClient(i.url));
    for (let attempt = 0; attempt < 10; attempt++) {
      const res = await clients[attempt % 2]!.post('/api/auth/login', {
        email,
        password: 'не тот пароль'
      });
      expect(res.status).toBe(401);
    }
    for (const client of clients) {
      const refused = await client.post('/api/auth/login', { email, password: 'не тот пароль' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
