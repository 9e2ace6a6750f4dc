/**
 * One server under load: start it, connect D×C clients, warm up, measure a window, drain, stop.
 * The server's CPU is read from /proc at the window's edges, so start-up, connection set-up and
 * JIT warm-up are not counted.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { EditLog, type WindowSummary } from './editLog.ts';
import { Flooder } from './flooder.ts';
import { LoadClient } from './loadClient.ts';
import type { BenchOptions } from './options.ts';
import {
  cpuTicks,
  machineCpuTicks,
  peakRssMiB,
  rssMiB,
  startServer,
  type RunningServer,
  type ServerKind,
  type StopResult
} from './processes.ts';

export type ServerResult = WindowSummary & {
  server: ServerKind;
  /** receipts / expectedReceipts, over edits sent inside the window. */
  deliveredFraction: number;
  /** Receipts at non-sending clients that arrived during the window, per second. */
  deliveredPerSec: number;
  /** Server CPU (user + system) during the window divided by the deliveries in it. */
  cpuUsPerDelivered: number | null;
  /** The same for PostgreSQL's backends serving the server (PostgreSQL engine only). */
  databaseCpuUsPerDelivered: number | null;
  /** Server CPU during the window as a share of one core, and its user / system parts. */
  serverCpuPercent: number;
  serverCpuUserPercent: number;
  serverCpuSystemPercent: number;
  serverRssMiB: number | null;
  /** VmHWM at the end of the window: the most the process held at any time, start included. */
  serverPeakRssMiB: number | null;
  windowSeconds: number;
  /** Whole run (warm-up included): copies returned to the sender, "saved" acknowledgements. */
  echoes: number;
  acks: number;
  unknownIds: number;
  skippedEdits: number;
  clientsClosedEarly: number;
  connectSeconds: number;
  /** The generator's own load: if it is near 100 % or lags, the figures are the generator's. */
  generator: { cpuPercent: number; eventLoopDelayP99Ms: number };
  /**
   * CPU used during the window by everything except the server and the generator, in % of one
   * core (a few % of it are kernel threads working for them). On a shared 2-core machine, much
   * more than that makes latencies unreliable.
   */
  otherProcessesCpuPercent: number;
  /** The hostile editor, when one ran: how often it (re)connected and was closed. */
  flooder: { connections: number; closes: number; sentMiB: number } | null;
  stop: StopResult;
};

const CONNECT_CONCURRENCY = 50;
const LAG_RESOLUTION_MS = 10;
/** Spreads the clients' edit timers evenly over the period, without lining up a doc's clients. */
const GOLDEN = 0.6180339887498949;

export async function runServer(
  kind: ServerKind,
  options: BenchOptions,
  clockTicks: number
): Promise<ServerResult> {
  const server = await startServer(kind, {
    profileDir: kind !== 'classic' ? options.profileDir : undefined
  });
  const log = new EditLog();
  const clients: LoadClient[] = [];
  for (let d = 0; d < options.docs; d++) {
    for (let c = 0; c < options.clients; c++) {
      clients.push(new LoadClient(clients.length, server.docUrl(`doc${d}`), log));
    }
  }
  const timers: NodeJS.Timeout[] = [];
  const flooder = new Flooder(server.docUrl('doc0'), options.flood);
  try {
    const connectStart = performance.now();
    await connectAll(clients);
    const connectSeconds = (performance.now() - connectStart) / 1000;

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
    flooder.start();
    await sleep(options.warmup * 1000);

    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const genCpu0 = process.cpuUsage();
    server.assertRunning();
    const ticks0 = cpuTicks(server.pid);
    const helpers0 = await helperTicks(server);
    const machine0 = machineCpuTicks();
    const t0 = performance.now();
    log.startWindow();
    await sleep(options.seconds * 1000);
    log.endWindow();
    server.assertRunning();
    const ticks1 = cpuTicks(server.pid);
    const helpers1 = await helperTicks(server);
    const machine1 = machineCpuTicks();
    const windowSeconds = (performance.now() - t0) / 1000;
    const genCpu = process.cpuUsage(genCpu0);
    lag.disable();
    const serverRssMiB = rssMiB(server.pid);
    const serverPeakRssMiB = peakRssMiB(server.pid);

    for (const timer of timers) clearTimeout(timer);
    flooder.stop();
    // Late receipts of edits sent just before the window closed still count as delivered.
    await sleep(options.drain * 1000);

    const summary = log.summary(options.clients - 1);
    const userSeconds = (ticks1.user - ticks0.user) / clockTicks;
    const systemSeconds = (ticks1.system - ticks0.system) / clockTicks;
    const cpuSeconds = userSeconds + systemSeconds;
    const percentOfCore = (seconds: number) => Math.round((seconds / windowSeconds) * 1000) / 10;
    const delivered = log.deliveredInWindow;
    const generatorSeconds = (genCpu.user + genCpu.system) / 1e6;
    // A backend that started inside the window counts from zero; one that ended is not counted.
    let helperSeconds = 0;
    for (const [pid, t] of helpers1) helperSeconds += (t - (helpers0.get(pid) ?? 0)) / clockTicks;
    const otherSeconds =
      (machine1.busy - machine0.busy) / clockTicks - cpuSeconds - generatorSeconds - helperSeconds;
    return {
      server: kind,
      ...summary,
      deliveredFraction: ratio(summary.receipts, summary.expectedReceipts, 4),
      deliveredPerSec: Math.round(delivered / windowSeconds),
      cpuUsPerDelivered:
        delivered > 0 ? Math.round((cpuSeconds * 1e6 * 100) / delivered) / 100 : null,
      databaseCpuUsPerDelivered:
        server.helperPids && delivered > 0
          ? Math.round((helperSeconds * 1e6 * 100) / delivered) / 100
          : null,
      serverCpuPercent: percentOfCore(cpuSeconds),
      serverCpuUserPercent: percentOfCore(userSeconds),
      serverCpuSystemPercent: percentOfCore(systemSeconds),
      serverRssMiB,
      serverPeakRssMiB,
      windowSeconds: Math.round(windowSeconds * 100) / 100,
      echoes: log.echoes,
      acks: sum(clients, (c) => c.acks),
      unknownIds: log.unknown,
      skippedEdits: sum(clients, (c) => c.skipped),
      clientsClosedEarly: sum(clients, (c) => (c.closedEarly ? 1 : 0)),
      connectSeconds: Math.round(connectSeconds * 100) / 100,
      generator: {
        cpuPercent: percentOfCore(generatorSeconds),
        // The histogram records whole sampling intervals: subtract the interval to get the lag.
        eventLoopDelayP99Ms: Math.max(
          0,
          Math.round(lag.percentile(99) / 1e4 - LAG_RESOLUTION_MS * 100) / 100
        )
      },
      otherProcessesCpuPercent: Math.max(0, percentOfCore(otherSeconds)),
      flooder:
        options.flood === 'none'
          ? null
          : {
              connections: flooder.connections,
              closes: flooder.closes,
              sentMiB: Math.round(flooder.sentBytes / 1048576)
            },
      stop: await closeAndStop(clients, server.stop)
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    flooder.stop();
    for (const client of clients) client.close();
    await server.stop(2_000).catch(() => undefined);
  }
}

/** Connects with bounded concurrency: a burst of a thousand handshakes would overflow the backlog. */
export async function connectAll(clients: LoadClient[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < clients.length) await clients[next++]!.connect(15_000);
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
}

export async function closeAndStop(
  clients: LoadClient[],
  stop: () => Promise<StopResult>
): Promise<StopResult> {
  for (const client of clients) client.close();
  await sleep(300); // let the close frames reach the server before it is told to stop
  return stop();
}

function sum(clients: LoadClient[], pick: (c: LoadClient) => number): number {
  return clients.reduce((total, c) => total + pick(c), 0);
}

function ratio(a: number, b: number, digits: number): number {
  const scale = 10 ** digits;
  return b > 0 ? Math.round((a / b) * scale) / scale : 0;
}

/** CPU ticks (user + system) of each helper process of the server, by pid. */
async function helperTicks(server: RunningServer): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  for (const pid of (await server.helperPids?.()) ?? []) {
    try {
      const t = cpuTicks(pid);
      ticks.set(pid, t.user + t.system);
    } catch {
      // It ended between the listing and the read.
    }
  }
  return ticks;
}
