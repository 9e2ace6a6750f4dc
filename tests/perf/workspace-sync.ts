/**
 * Workspace sync benchmark: a workspace of N documents (default 1,000) on a real server in this
 * process, synced to a fresh device (fake-indexeddb + y-indexeddb) by three strategies in the same
 * run: ours (clock-gated batches), the same batches without clocks (every room every time) and
 * one y-websocket connection per room. For each: first full sync, reconnect with nothing changed,
 * reconnect after K documents changed on the server; time, requests, bytes, rooms exchanged, and
 * what the device stores per document. Prints JSON, then a summary.
 *
 *   npm run bench:sync
 *   npm run bench:sync -- --docs 200 --changed 10 --out /tmp/sync.json
 *   BENCH_ENGINE=postgres npm run bench:sync   (every store on a fresh PostgreSQL database)
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openSyncMeta, type SyncMeta } from '../../src/lib/sync/syncMeta.ts';
import { httpTransport } from '../../src/lib/sync/syncTransport.ts';
import { memoryUnsynced } from '../../src/lib/sync/unsyncedRooms.ts';
import { WorkspaceSync } from '../../src/lib/sync/WorkspaceSync.ts';
import { startBenchServer, type BenchServer } from './sync/benchServer.ts';
import { freshDevice, openWithoutEdits, roomStore, storesOf } from './sync/localStore.ts';
import { naiveSyncAll } from './sync/naiveClient.ts';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: process.env.BENCH_DOCS ?? '1000' },
    changed: { type: 'string', default: process.env.BENCH_CHANGED ?? '10' },
    concurrency: { type: 'string', default: '16' },
    out: { type: 'string' }
  }
});
const DOCS = Number(values.docs);
const CHANGED = Number(values.changed);
const CONCURRENCY = Number(values.concurrency);

type Phase = {
  ms: number;
  requests: number;
  bytesSent: number;
  bytesReceived: number;
  roomsExchanged: number;
  /** Longest the event loop was blocked during the phase (a long task in a browser). */
  maxStallMs?: number;
};

const round = (n: number) => Math.round(n * 10) / 10;

/** A SyncMeta that forgets: every run starts from clock 0 and knows no room (sync every room). */
function amnesiac(meta: SyncMeta): SyncMeta {
  return { ...meta, since: async () => 0, rooms: async () => new Map() };
}

async function clockGated(server: BenchServer, forget: boolean) {
  freshDevice();
  const meta = await openSyncMeta();
  const transport = httpTransport(server.workspaceId, {
    baseUrl: server.url,
    headers: server.headers
  });
  const sync = new WorkspaceSync(server.workspaceId, {
    transport,
    meta: forget ? amnesiac(meta) : meta,
    unsynced: memoryUnsynced()
  });
  const phase = async (): Promise<Phase> => {
    const before = { ...transport.counters };
    const stall = monitorEventLoopDelay({ resolution: 5 });
    stall.enable();
    const t0 = performance.now();
    const report = await sync.syncNow();
    const ms = performance.now() - t0;
    stall.disable();
    if (!report.completed) throw new Error(`sync failed: ${sync.state.error}`);
    return {
      ms: round(ms),
      requests: transport.counters.requests - before.requests,
      bytesSent: transport.counters.bytesSent - before.bytesSent,
      bytesReceived: transport.counters.bytesReceived - before.bytesReceived,
      roomsExchanged: report.exchanged.length,
      maxStallMs: round(stall.max / 1e6)
    };
  };
  const first = await phase();
  const rooms = server.docIds.map((d) => `${server.workspaceId}/${d}`);
  const store = await storesOf(rooms);
  const unchanged = await phase();
  const edited = server.docIds.slice(1, 1 + CHANGED);
  await server.edit(edited);
  const changed = await phase();
  sync.destroy();
  meta.close();
  return { first, unchanged, changed, store };
}

async function perRoomWebsocket(server: BenchServer) {
  freshDevice();
  const rooms = server.docIds.map((d) => `${server.workspaceId}/${d}`);
  const token = await server.token();
  const syncUrl = server.url.replace(/^http/, 'ws') + '/sync';
  const phase = async (): Promise<Phase> => {
    const t0 = performance.now();
    const c = await naiveSyncAll(syncUrl, rooms, token, CONCURRENCY);
    return {
      ms: round(performance.now() - t0),
      requests: c.connections,
      bytesSent: c.bytesSent,
      bytesReceived: c.bytesReceived,
      roomsExchanged: rooms.length
    };
  };
  const first = await phase();
  const store = await storesOf(rooms);
  const unchanged = await phase();
  await server.edit(server.docIds.slice(1 + CHANGED, 1 + 2 * CHANGED));
  const changed = await phase();
  return { first, unchanged, changed, store };
}

/** Does opening a document without editing grow its store, with and without compaction? */
async function growth(server: BenchServer) {
  const room = `${server.workspaceId}/${server.docIds[1]}`;
  const out: Record<string, unknown> = {};
  for (const compact of [false, true]) {
    freshDevice();
    await openWithoutEdits(room, 1, false);
    const start = await roomStore(room);
    await openWithoutEdits(room, 200, compact);
    const after = await roomStore(room);
    out[compact ? 'withCompaction' : 'yIndexeddbAlone'] = {
      opens: 200,
      entriesBefore: start.entries,
      entriesAfter: after.entries,
      bytesAfter: after.bytes
    };
  }
  return out;
}

async function main() {
  const t0 = performance.now();
  const server = await startBenchServer(DOCS);
  const seedSeconds = round((performance.now() - t0) / 1000);
  try {
    const ours = await clockGated(server, false);
    const everyRoomBatched = await clockGated(server, true);
    const everyRoomWebsocket = await perRoomWebsocket(server);
    const storeGrowth = await growth(server);
    const result = {
      docs: DOCS,
      rooms: server.docIds.length,
      changed: CHANGED,
      seedSeconds,
      ours,
      everyRoomBatched,
      everyRoomWebsocket,
      storeGrowth
    };
    const text = JSON.stringify(result, null, 2);
    console.log(text);
    if (values.out) writeFileSync(values.out, text);
    summary(result);
  } finally {
    await server.close();
  }
}

function summary(r: {
  ours: Awaited<ReturnType<typeof clockGated>>;
  everyRoomBatched: Awaited<ReturnType<typeof clockGated>>;
  everyRoomWebsocket: Awaited<ReturnType<typeof perRoomWebsocket>>;
  rooms: number;
}) {
  const kb = (n: number) => (n < 1024 ? `${n} B` : `${round(n / 1024)} KB`);
  const line = (name: string, p: Phase) =>
    `  ${name.padEnd(26)} ${String(p.ms).padStart(8)} ms ${String(p.requests).padStart(5)} req ` +
    `${kb(p.bytesSent).padStart(11)} up ${kb(p.bytesReceived).padStart(11)} down ` +
    `${String(p.roomsExchanged).padStart(5)} rooms`;
  console.log(`\nWorkspace sync, ${r.rooms} rooms (documents + index):`);
  for (const phase of ['first', 'unchanged', 'changed'] as const) {
    console.log(`${phase}:`);
    console.log(line('ours (clock-gated)', r.ours[phase]));
    console.log(line('every room, batched', r.everyRoomBatched[phase]));
    console.log(line('every room, one ws each', r.everyRoomWebsocket[phase]));
  }
  console.log(
    `store per document: ours ${round(r.ours.store.bytes / r.rooms)} B in ` +
      `${round(r.ours.store.entries / r.rooms)} entries; one ws each ` +
      `${round(r.everyRoomWebsocket.store.bytes / r.rooms)} B in ` +
      `${round(r.everyRoomWebsocket.store.entries / r.rooms)} entries`
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
