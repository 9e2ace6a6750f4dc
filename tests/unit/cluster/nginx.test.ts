import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startCluster, type Cluster } from '../../cluster/cluster.ts';
import { httpsClient, trustingWebSocket, type Reply } from '../../cluster/client.ts';
import { waitFor } from '../helpers/wait.ts';

// Three instances on one PostgreSQL and a Redis of the test's own, nginx in front running
// deploy/nginx/uzel.conf: starting them takes a while on a shared 2-core machine.
const START_MS = 180_000;

describe('CL nginx in front of several instances (deploy/nginx/uzel.conf)', () => {
  let cluster: Cluster;
  let send: ReturnType<typeof httpsClient>;

  beforeAll(async () => {
    cluster = await startCluster({ instances: 3 });
    send = httpsClient(cluster.certificate);
  }, START_MS);
  afterAll(async () => {
    await cluster?.stop();
  }, START_MS);

  const served = (port: number) =>
    cluster.nginx
      .upstreamsServed()
      .filter((entry) => entry.listenPort === port && entry.uri === '/healthz');
  const portOf = (url: string) => Number(new URL(url).port);
  const json = (reply: Reply) => JSON.parse(reply.body) as Record<string, unknown>;

  it('CL1 the configuration terminates TLS with the given certificate and spreads requests over every instance', async () => {
    const { balancedUrl } = cluster.nginx;
    for (let i = 0; i < 6; i++) {
      const reply = await send(`${balancedUrl}/healthz`);
      expect(reply).toMatchObject({ status: 200, body: 'ok' });
    }
    // The last log line may come a moment after its answer (see CL2).
    const upstreams = () =>
      [...new Set(served(portOf(balancedUrl)).map((entry) => entry.upstream))].sort();
    await expect
      .poll(upstreams, { timeout: 5000 })
      .toEqual(cluster.instances.map((i) => i.address).sort());
  });

  it('CL2 a session made through one instance is valid on the others: people and sessions live in PostgreSQL', async () => {
    const registered = await send(`${cluster.nginx.pinnedUrl(0)}/api/auth/register`, {
      json: {
        email: 'metodist@kursk.example',
        password: 'Ярмарка-2027-мастер',
        displayName: 'Анна'
      }
    });
    expect(registered.status).toBe(202);
    const signedIn = await send(`${cluster.nginx.pinnedUrl(0)}/api/auth/login`, {
      json: { email: 'metodist@kursk.example', password: 'Ярмарка-2027-мастер' }
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.cookies.join('; ');
    for (const index of [1, 2]) {
      const me = await send(`${cluster.nginx.pinnedUrl(index)}/api/me`, { cookie });
      expect(me.status).toBe(200);
      expect(me.body).toContain('Анна');
    }
    // nginx writes a request's log line after the answer has gone, so the line may come a moment
    // after the client has read it: wait for both lines, each naming the instance it was pinned to.
    const meServed = () =>
      cluster.nginx
        .upstreamsServed()
        .filter((e) => e.uri === '/api/me')
        .map((e) => `${e.listenPort} ${e.upstream}`);
    await expect
      .poll(meServed, { timeout: 5000 })
      .toEqual(
        expect.arrayContaining(
          [1, 2].map(
            (i) => `${portOf(cluster.nginx.pinnedUrl(i))} ${cluster.instances[i]!.address}`
          )
        )
      );
  });

  it('CL3 when the instance a websocket is on is killed, the client reconnects through nginx to another one within 5 s, and the instance rejoins when it is back', async () => {
    const pinned = cluster.nginx.pinnedUrl(1);
    const registered = await send(`${pinned}/api/auth/register`, {
      json: { email: 'pedagog@kursk.example', password: 'Ярмарка-2027-мастер', displayName: 'Олег' }
    });
    expect(registered.status).toBe(202);
    const signedIn = await send(`${pinned}/api/auth/login`, {
      json: { email: 'pedagog@kursk.example', password: 'Ярмарка-2027-мастер' }
    });
    const cookie = signedIn.cookies.join('; ');
    const created = await send(`${pinned}/api/workspaces`, {
      json: { name: 'Сеть учреждений' },
      cookie
    });
    expect(created.status).toBe(201);
    const workspaceId = (json(created).workspace as { id: string }).id;
    const issued = await send(`${pinned}/api/workspaces/${workspaceId}/token`, {
      json: {},
      cookie
    });
    expect(issued.status).toBe(200);
    const token = json(issued).token as string;

    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      `${pinned.replace(/^https/, 'wss')}/sync`,
      `${workspaceId}/plan-yarmarki`,
      doc,
      {
        params: { token },
        WebSocketPolyfill: trustingWebSocket(cluster.certificate) as unknown as typeof WebSocket,
        maxBackoffTime: 500
      }
    );
    try {
      await waitFor(() => provider.synced, 'the client synced through nginx');
      await send(`${pinned}/healthz`);
      expect(served(portOf(pinned)).at(-1)!.upstream).toBe(cluster.instances[1]!.address);

      let closes = 0;
      provider.on('connection-close', () => closes++);
      const victim = cluster.instances[1]!;
      await victim.kill();
      const killedAt = Date.now();
      await waitFor(() => closes > 0, 'the client noticed the kill');
      await waitFor(() => provider.wsconnected && provider.synced, 'the client is back', 5000);
      expect(Date.now() - killedAt).toBeLessThan(5000);
      const reply = await send(`${pinned}/healthz`);
      expect(reply.status).toBe(200);
      expect(served(portOf(pinned)).at(-1)!.upstream).not.toBe(victim.address);

      // Back on its port: after fail_timeout nginx tries the primary again and it answers.
      await victim.start();
      await waitFor(
        async () => {
          await send(`${pinned}/healthz`);
          return served(portOf(pinned)).at(-1)!.upstream === victim.address;
        },
        'nginx sends the pinned address to the restarted instance again',
        15_000
      );
    } finally {
      provider.destroy();
      doc.destroy();
    }
  }, 60_000);
});
