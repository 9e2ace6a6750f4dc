/**
 * The relay at rest, against the classic y-websocket server in the same run:
 * - a y-websocket client alone in a document for `--seconds` (70 by default, past y-websocket's
 *   30 s silence timeout twice): how often it lost its connection;
 * - 1,000 idle connections over 200 documents: the server's RSS once they are all synced.
 * Prints one JSON object, then a short summary.
 *
 *   npm run bench:relay-idle -- --seconds 70
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { EditLog } from './editLog.ts';
import { LoadClient } from './loadClient.ts';
import { rssMiB, DEFAULT_SERVERS, startServer, type ServerKind } from './processes.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { seconds: { type: 'string' }, idle: { type: 'string' }, docs: { type: 'string' } }
});
const seconds = Number(values.seconds ?? 70);
const idle = Number(values.idle ?? 1000);
const docs = Number(values.docs ?? 200);

async function loneClient(kind: ServerKind): Promise<{ disconnects: number; seconds: number }> {
  const server = await startServer(kind);
  const doc = new Y.Doc();
  const url = new URL(server.docUrl('alone'));
  const room = url.pathname.split('/').pop()!;
  const base = `${url.protocol}//${url.host}${url.pathname.slice(0, -room.length - 1)}`;
  const provider = new WebsocketProvider(base, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: Object.fromEntries(url.searchParams)
  });
  provider.awareness.setLocalStateField('user', { name: 'Учитель', color: '#336699' });
  let disconnects = 0;
  let connected = false;
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') connected = true;
    else if (status === 'disconnected' && connected) disconnects++;
  });
  await sleep(seconds * 1000);
  // Counted before destroying the provider, whose own close is not a lost connection.
  const lost = disconnects;
  provider.destroy();
  await server.stop(2_000);
  return { disconnects: lost, seconds };
}

async function idleRss(kind: ServerKind): Promise<{ connections: number; rssMiB: number | null }> {
  const server = await startServer(kind);
  const log = new EditLog();
  const clients = Array.from(
    { length: idle },
    (_, i) => new LoadClient(i, server.docUrl(`doc${i % docs}`), log)
  );
  for (let i = 0; i < clients.length; i += 50) {
    await Promise.all(clients.slice(i, i + 50).map((c) => c.connect(15_000)));
  }
  await sleep(5_000);
  const rss = rssMiB(server.pid);
  for (const client of clients) client.close();
  await server.stop(2_000);
  return { connections: idle, rssMiB: rss };
}

type KindResult = {
  lone: Awaited<ReturnType<typeof loneClient>>;
  idle: Awaited<ReturnType<typeof idleRss>>;
};
const results: Record<string, KindResult> = {};
for (const kind of DEFAULT_SERVERS) {
  process.stderr.write(`bench: ${kind}: a lone client for ${seconds} s, then ${idle} idle…\n`);
  results[kind] = { lone: await loneClient(kind), idle: await idleRss(kind) };
}
process.stdout.write(JSON.stringify({ seconds, idle, docs, results }, null, 2) + '\n\n');
for (const [kind, r] of Object.entries(results)) {
  process.stdout.write(
    `${kind.padEnd(8)} lone client: ${r.lone.disconnects} disconnects in ${seconds} s; ` +
      `${idle} idle connections over ${docs} documents: ${r.idle.rssMiB} MiB RSS\n`
  );
}
process.exit(0);
