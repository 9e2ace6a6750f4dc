/**
 * Our relay as several instances on one PostgreSQL database and one Redis (`--instances N`):
 * a database and a redis-server of the run's own, N relay processes, and the D×C clients split so
 * that every document has clients on every instance (client c of document d on instance
 * (d + c) mod N). Same load, warm-up, window and drain as a single server (runServer.ts); CPU is
 * read per instance, and receipts on another instance than the sender's (the Redis hop) are
 * timed apart.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '../unit/helpers/postgres.ts';
import { startRedis } from '../unit/helpers/redisServer.ts';
import { EditLog, type WindowSummary } from './editLog.ts';
import { LoadClient } from './loadClient.ts';
import type { BenchOptions } from './options.ts';
import {
  cpuTicks,
  machineCpuTicks,
  rssMiB,
  startOurInstance,
  type RunningServer
} from './processes.ts';
import { closeAndStop, connectAll } from './runServer.ts';

export type InstanceResult = {
  instance: number;
  /** Receipts at this instance's clients during the window, per second. */
  deliveredPerSec: number;
  /** This instance's CPU during the window divided by the receipts at its clients. */
  cpuUsPerDelivered: number | null;
  cpuPercent: number;
  rssMiB: number | null;
};

export type ClusterResult = WindowSummary & {
  instances: number;
  deliveredFraction: number;
  deliveredPerSec: number;
  /** All instances' CPU together divided by all receipts. */
  cpuUsPerDelivered: number | null;
  perInstance: InstanceResult[];
  /** Receipts on another instance than the sender's: through PostgreSQL's commit and Redis. */
  crossInstance: { receipts: number; p50Ms: number | null; p99Ms: number | null };
  generator: { cpuPercent: number; eventLoopDelayP99Ms: number };
  otherProcessesCpuPercent: number;
  clientsClosedEarly: number;
  windowSeconds: number;
};

const GOLDEN = 0.6180339887498949;
const LAG_RESOLUTION_MS = 10;

export async function runCluster(
  count: number,
  options: BenchOptions,
  clockTicks: number
): Promise<ClusterResult> {
  const database = await createTestDatabase();
  const redis = await startRedis();
  const servers: RunningServer[] = [];
  const clients: LoadClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    const env = { ...process.env, DATABASE_URL: database.url, REDIS_URL: redis.url };
    // One at a time: the first migrates the database and makes the workspace the others join.
    const first = await startOurInstance(env);
    servers.push(first.server);
    for (let i = 1; i < count; i++)
      servers.push((await startOurInstance({ ...env, BENCH_JOIN: first.join })).server);

    const instanceOfClient: number[] = [];
    const log = new EditLog((client) => instanceOfClient[client]!);
    for (let d = 0; d < options.docs; d++) {
      for (let c = 0; c < options.clients; c++) {
        const instance = (d + c) % count;
        instanceOfClient.push(instance);
        clients.push(new LoadClient(clients.length, servers[instance]!.docUrl(`doc${d}`), log));
      }
    }
    await connectAll(clients);
    const periodMs = 1000 / options.rate;
    clients.forEach((client, i) => {
      const offset = ((i * GOLDEN) % 1) * periodMs;
      timers.push(
        setTimeout(() => {
          client.edit();
          timers.push(setInterval(() => client.edit(), periodMs));
        }, offset)
      );
    });
    await sleep(options.warmup * 1000);

    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const genCpu0 = process.cpuUsage();
    const ticks0 = servers.map((s) => (s.assertRunning(), cpuTicks(s.pid)));
    const machine0 = machineCpuTicks();
    const t0 = performance.now();
    log.startWindow();
    await sleep(options.seconds * 1000);
    log.endWindow();
    const ticks1 = servers.map((s) => (s.assertRunning(), cpuTicks(s.pid)));
    const machine1 = machineCpuTicks();
    const windowSeconds = (performance.now() - t0) / 1000;
    const genCpu = process.cpuUsage(genCpu0);
    lag.disable();
    const rss = servers.map((s) => rssMiB(s.pid));
    for (const timer of timers) clearTimeout(timer);
    await sleep(options.drain * 1000);

    const summary = log.summary(options.clients - 1);
    const cpuSeconds = servers.map(
      (_, i) =>
        (ticks1[i]!.user - ticks0[i]!.user + ticks1[i]!.system - ticks0[i]!.system) / clockTicks
    );
    const totalCpu = cpuSeconds.reduce((a, b) => a + b, 0);
    const delivered = log.deliveredInWindow;
    const generatorSeconds = (genCpu.user + genCpu.system) / 1e6;
    const otherSeconds = (machine1.busy - machine0.busy) / clockTicks - totalCpu - generatorSeconds;
    const percentOfCore = (seconds: number) => Math.round((seconds / windowSeconds) * 1000) / 10;
    const perDelivered = (seconds: number, n: number) =>
      n > 0 ? Math.round((seconds * 1e6 * 100) / n) / 100 : null;
    const result: ClusterResult = {
      instances: count,
      ...summary,
      deliveredFraction:
        summary.expectedReceipts > 0
          ? Math.round((summary.receipts / summary.expectedReceipts) * 10000) / 10000
          : 0,
      deliveredPerSec: Math.round(delivered / windowSeconds),
      cpuUsPerDelivered: perDelivered(totalCpu, delivered),
      perInstance: servers.map((_, i) => ({
        instance: i,
        deliveredPerSec: Math.round((log.deliveredInWindowBy[i] ?? 0) / windowSeconds),
        cpuUsPerDelivered: perDelivered(cpuSeconds[i]!, log.deliveredInWindowBy[i] ?? 0),
        cpuPercent: percentOfCore(cpuSeconds[i]!),
        rssMiB: rss[i] ?? null
      })),
      crossInstance: log.crossInstance(),
      generator: {
        cpuPercent: percentOfCore(generatorSeconds),
        eventLoopDelayP99Ms: Math.max(
          0,
          Math.round(lag.percentile(99) / 1e4 - LAG_RESOLUTION_MS * 100) / 100
        )
      },
      otherProcessesCpuPercent: Math.max(0, percentOfCore(otherSeconds)),
      clientsClosedEarly: clients.filter((c) => c.closedEarly).length,
      windowSeconds: Math.round(windowSeconds * 100) / 100
    };
    await closeAndStop(clients, async () => {
      const stops = await Promise.all(servers.map((s) => s.stop()));
      return stops[0]!;
    });
    return result;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const client of clients) client.close();
    await Promise.all(servers.map((s) => s.stop(2_000).catch(() => undefined)));
    await redis.stop();
    await database.drop();
  }
}
