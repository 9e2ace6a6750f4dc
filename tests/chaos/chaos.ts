/**
 * `npm run chaos`: many headless y-websocket clients over several rooms, through nginx
 * (deploy/nginx/uzel.conf) to several instances on one PostgreSQL and one Redis, all real
 * processes on 127.0.0.1. Every few seconds a random instance is killed with SIGKILL and started
 * again; Redis is restarted once; a third of the clients throw their document away after each
 * acknowledgement. At the end every document is rebuilt by a fresh instance that has nothing but
 * PostgreSQL, and a scorecard says whether every acknowledged edit is there exactly once.
 * Exits 1 on any loss, duplicate or room that did not converge.
 *
 *   npm run chaos -- --seconds 60 --instances 3 --rooms 6 --clients 24
 */
import { startCluster } from '../cluster/cluster.ts';
import { httpsClient } from '../cluster/client.ts';
import { ChaosClient } from './ChaosClient.ts';
import { rebuildFromDatabase } from './rebuild.ts';
import { scorecard, type Scorecard } from './scorecard.ts';

const args = new Map<string, number>();
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i]!.replace(/^--/, '');
  const value = Number(process.argv[i + 1]);
  if (!['seconds', 'instances', 'rooms', 'clients'].includes(key) || !Number.isFinite(value)) {
    process.stderr.write(
      `unknown option ${process.argv[i]} (--seconds, --instances, --rooms, --clients)\n`
    );
    process.exit(2);
  }
  args.set(key, value);
}
const SECONDS = args.get('seconds') ?? 60;
const INSTANCES = args.get('instances') ?? 3;
const ROOMS = args.get('rooms') ?? 6;
const CLIENTS = args.get('clients') ?? 24;
const KILL_EVERY_MS = 6000;

const startedAt = Date.now();
const log = (line: string) =>
  process.stdout.write(`[${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${line}\n`);
const until = async (what: string, ms: number, predicate: () => boolean) => {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) {
      log(`NOT within ${ms / 1000} s: ${what}`);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  log(what);
  return true;
};

const cluster = await startCluster({
  instances: INSTANCES,
  // Every client is the same person here; the per-person cap is not what this run tests.
  env: { MAX_CONNECTIONS_PER_USER: '100000', ROOM_IDLE_MS: '60000' }
});
let card: Scorecard | null = null;
try {
  log(`${INSTANCES} instances behind nginx at ${cluster.nginx.balancedUrl}`);
  const send = httpsClient(cluster.certificate);
  const base = cluster.nginx.balancedUrl;
  await send(`${base}/api/auth/register`, {
    json: { email: 'chaos@kursk.example', password: 'Ярмарка-2027-мастер', displayName: 'Хаос' }
  });
  const owner = await send(`${base}/api/auth/login`, {
    json: { email: 'chaos@kursk.example', password: 'Ярмарка-2027-мастер' }
  });
  const cookie = owner.cookies.join('; ');
  const workspace = JSON.parse(
    (await send(`${base}/api/workspaces`, { json: { name: 'Проверка на прочность' }, cookie })).body
  ).workspace.id as string;
  const token = JSON.parse(
    (await send(`${base}/api/workspaces/${workspace}/token`, { json: {}, cookie })).body
  ).token as string;

  const rooms = Array.from({ length: ROOMS }, (_, i) => `chaos-room-${i}`);
  const acknowledged = new Map<string, string>(); // edit id → room
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const room = rooms[i % ROOMS]!;
    const client = new ChaosClient({
      name: `k${i}`,
      url: `${base.replace(/^https/, 'wss')}/sync/${workspace}/${room}?token=${encodeURIComponent(token)}&acks=1`,
      ca: cluster.certificate.pem,
      forgetful: i % 3 === 0,
      acknowledged: (id) => acknowledged.set(id, room)
    });
    return { client, room };
  });
  await until('every client synced', 30_000, () => clients.every(({ client }) => client.synced));
  log(`${clients.filter(({ client }) => client.synced).length} of ${CLIENTS} clients synced`);

  let editing = true;
  const editor = (async () => {
    while (editing) {
      for (const { client } of clients)
        if (client.pendingCount < 10 && Math.random() < 0.5) client.edit();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();

  let kills = 0;
  let redisRestarted = false;
  const endAt = Date.now() + SECONDS * 1000;
  while (Date.now() < endAt) {
    await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
    const victim = cluster.instances[Math.floor(Math.random() * cluster.instances.length)]!;
    await victim.kill();
    kills++;
    log(
      `killed instance ${victim.index} (SIGKILL), ${acknowledged.size} edits acknowledged so far`
    );
    if (!redisRestarted && Date.now() > startedAt + (SECONDS * 1000) / 2) {
      await cluster.redis.restart();
      redisRestarted = true;
      log('restarted Redis');
    }
    await victim.start();
    log(`instance ${victim.index} is back`);
  }
  editing = false;
  await editor;
  // Synced too: a forgetful client that has just thrown its copy away holds nothing yet.
  await until('every edit acknowledged and every client synced', 30_000, () =>
    clients.every(({ client }) => client.pendingCount === 0 && client.synced)
  );
  const sameText = () =>
    rooms.every((room) => {
      const texts = clients.filter((c) => c.room === room).map(({ client }) => client.text());
      return texts.every((text) => text === texts[0]);
    });
  await until('the clients of each room hold the same text', 15_000, sameText);
  const clientTexts = new Map(
    rooms.map((room) => [
      room,
      clients.filter((c) => c.room === room).map(({ client }) => client.text())
    ])
  );
  const unacknowledged = clients.reduce((sum, { client }) => sum + client.pendingCount, 0);
  const closeCodes = new Map<number, number>();
  for (const { client } of clients) {
    for (const [code, n] of client.closeCodes)
      closeCodes.set(code, (closeCodes.get(code) ?? 0) + n);
    client.stop();
  }

  // Nothing but PostgreSQL from here: every instance and Redis stopped, one fresh instance.
  for (const instance of cluster.instances) await instance.stop();
  await cluster.redis.stop();
  const rebuilt = await rebuildFromDatabase({
    databaseUrl: cluster.database.url,
    workspace,
    rooms
  });
  card = scorecard({
    acknowledged,
    rebuilt,
    clientTexts,
    unacknowledged,
    kills,
    redisRestarted,
    closeCodes
  });
} finally {
  await cluster.stop();
}
process.stdout.write(`${JSON.stringify(card)}\n`);
if (card) {
  process.stdout.write(
    [
      '',
      'chaos scorecard',
      `  instance kills (SIGKILL)   ${card.kills}, Redis restarts ${card.redisRestarts}`,
      `  acknowledged edits         ${card.acknowledged}`,
      `  lost                       ${card.lost}`,
      `  duplicated                 ${card.duplicated}`,
      `  documents converged        ${card.converged} of ${card.documents}`,
      `  never acknowledged (end)   ${card.unacknowledged}`,
      `  sequence holes             ${card.sequenceHoles}`,
      `  close codes seen           ${JSON.stringify(card.closeCodes)}`,
      ''
    ].join('\n')
  );
}
process.exit(card && card.passed ? 0 : 1);
