/**
 * Relay fan-out benchmark: D documents × C clients, each client making E small edits per second,
 * against Uzel's relay and against the classic y-websocket server (1.5.4), one after the other
 * under the same load. Prints one JSON object, then a short human summary.
 *
 *   npm run bench:relay -- --docs 50 --clients 5 --rate 2 --seconds 10
 *   npm run bench:relay -- --servers ours,postgres   (the PostgreSQL engine beside SQLite)
 *   npm run bench:relay -- --instances 2     # several instances on PostgreSQL and Redis
 *   npm run bench:relay -- --rounds 4        # ours,classic / classic,ours / …, median ratio
 *
 * Targets: Uzel's server CPU per delivered update at most 0.8× the classic server's, its peak RSS
 * no higher, and its p99 edit-to-receipt latency under 50 ms at 200 × 5 × 2/s. Uzel commits every update to SQLite
 * before forwarding it and acknowledges it; the classic server keeps documents in memory only.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseOptions } from './options.ts';
import { clockTicksPerSecond } from './processes.ts';
import { runCluster, type ClusterResult } from './runCluster.ts';
import { runServer, type ServerResult } from './runServer.ts';

const options = parseOptions(process.argv.slice(2), process.env);

// Hard bound: whatever hangs, the run ends (the exit hook in processes.ts kills the servers).
const deadline = setTimeout(
  () => {
    process.stderr.write(`bench: aborted after ${options.timeout} s\n`);
    process.exit(1);
  },
  options.timeout * options.rounds * 1000
);
process.on('SIGINT', () => process.exit(130));

const clockTicks = clockTicksPerSecond();
if (options.instances > 1) {
  await runInstances(options.instances);
  process.exit(0);
}
type RoundResults = Partial<Record<ServerResult['server'], ServerResult>>;
const rounds: { order: ServerResult['server'][]; results: RoundResults; ratio: number | null }[] =
  [];
for (let round = 0; round < options.rounds; round++) {
  const order = round % 2 === 0 ? options.servers : [...options.servers].reverse();
  const roundResults: RoundResults = {};
  for (const kind of order) {
    process.stderr.write(
      `bench: ${options.rounds > 1 ? `round ${round + 1}/${options.rounds}: ` : ''}${kind}: ` +
        `${options.docs}×${options.clients} clients, ${options.rate}/s each…\n`
    );
    try {
      roundResults[kind] = await runServer(kind, options, clockTicks);
    } catch (err) {
      process.stderr.write(`bench: ${kind}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
  rounds.push({ order, results: roundResults, ratio: oursOverClassic(roundResults) });
}
clearTimeout(deadline);

function oursOverClassic(r: RoundResults): number | null {
  return r.ours?.cpuUsPerDelivered && r.classic?.cpuUsPerDelivered
    ? Math.round((r.ours.cpuUsPerDelivered / r.classic.cpuUsPerDelivered) * 1000) / 1000
    : null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// One round: its results as they are. Several: each round's, and the median of their ratios.
const results = rounds[0]!.results;
const ours = results.ours;
const classic = results.classic;
const roundRatios = rounds.map((r) => r.ratio).filter((r): r is number => r !== null);
const ratioMedian = median(roundRatios);
const cpuRatio = ratioMedian === null ? null : Math.round(ratioMedian * 1000) / 1000;
// The PostgreSQL engine against SQLite in the same run: the relay's own CPU, and the relay's
// together with PostgreSQL's backends (SQLite's work is inside the relay's process).
const onPostgres = results.postgres;
const postgresRatio =
  ours?.cpuUsPerDelivered && onPostgres?.cpuUsPerDelivered
    ? Math.round((onPostgres.cpuUsPerDelivered / ours.cpuUsPerDelivered) * 1000) / 1000
    : null;
const postgresWithDatabaseRatio =
  ours?.cpuUsPerDelivered && onPostgres?.cpuUsPerDelivered
    ? Math.round(
        ((onPostgres.cpuUsPerDelivered + (onPostgres.databaseCpuUsPerDelivered ?? 0)) /
          ours.cpuUsPerDelivered) *
          1000
      ) / 1000
    : null;
const output = {
  config: {
    docs: options.docs,
    clients: options.clients,
    ratePerClient: options.rate,
    offeredEditsPerSec: options.docs * options.clients * options.rate,
    seconds: options.seconds,
    warmup: options.warmup,
    drain: options.drain
  },
  machine: {
    nproc: cpus().length,
    node: process.version,
    cpu: cpus()[0]?.model ?? null,
    clockTicks
  },
  results,
  rounds: rounds.length > 1 ? rounds : undefined,
  cpuPerDeliveredRatioOursOverClassic: cpuRatio,
  cpuPerDeliveredRatioPostgresOverSqlite: postgresRatio,
  cpuPerDeliveredRatioPostgresWithDatabaseOverSqlite: postgresWithDatabaseRatio,
  target: {
    cpuNoHigherThanClassic: cpuRatio === null ? null : cpuRatio <= 1,
    cpuAtMost0_8OfClassic: cpuRatio === null ? null : cpuRatio <= 0.8,
    peakRssNoHigherThanClassic:
      ours?.serverPeakRssMiB == null || classic?.serverPeakRssMiB == null
        ? null
        : ours.serverPeakRssMiB <= classic.serverPeakRssMiB,
    oursP99Under50Ms: ours?.p99Ms == null ? null : ours.p99Ms < 50,
    postgresCpuWithin1_5xOfSqlite: postgresRatio === null ? null : postgresRatio <= 1.5,
    postgresP99Under50Ms: onPostgres?.p99Ms == null ? null : onPostgres.p99Ms < 50
  }
};
const json = JSON.stringify(output, null, 2);
process.stdout.write(json + '\n');
if (options.out) writeFileSync(options.out, json + '\n');

process.stdout.write('\n');
for (const [n, round] of rounds.entries()) {
  if (rounds.length > 1)
    process.stdout.write(`round ${n + 1} (${round.order.join(', ')}): ratio ${round.ratio}\n`);
  for (const r of Object.values(round.results)) printResult(r);
}

function printResult(r: ServerResult): void {
  process.stdout.write(
    `${r.server.padEnd(8)} p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, delivered ${(r.deliveredFraction * 100).toFixed(2)} %, ` +
      `${r.deliveredPerSec} updates/s, ${r.cpuUsPerDelivered} µs CPU per update (${r.serverCpuPercent} % of a core); ` +
      `generator ${r.generator.cpuPercent} % CPU, other processes ${r.otherProcessesCpuPercent} %, ` +
      `RSS ${r.serverRssMiB} MiB (peak ${r.serverPeakRssMiB})\n`
  );
}
// Some "other" CPU is the servers' own (kernel threads flushing their writes, network softirqs);
// well above that, another workload shares the two cores.
const busy = rounds
  .flatMap((round) => Object.values(round.results))
  .filter((r) => r.otherProcessesCpuPercent > 25 || r.generator.eventLoopDelayP99Ms > 20);
if (busy.length > 0) {
  process.stdout.write(
    `warning: the machine was busy during ${busy.map((r) => r.server).join(', ')} ` +
      `(other processes or generator lag): latencies are not representative, repeat the run\n`
  );
}
if (cpuRatio !== null) {
  process.stdout.write(
    `CPU per delivered update, ours / classic: ${cpuRatio}` +
      `${rounds.length > 1 ? ` (median of ${roundRatios.length} rounds)` : ''} ` +
      `(${output.target.cpuAtMost0_8OfClassic ? 'meets' : 'misses'} the target ≤ 0.8); ` +
      `our p99 ${output.target.oursP99Under50Ms ? 'meets' : 'misses'} the < 50 ms target\n`
  );
}
if (postgresRatio !== null) {
  process.stdout.write(
    `CPU per delivered update, PostgreSQL engine / SQLite engine: ${postgresRatio} ` +
      `(${output.target.postgresCpuWithin1_5xOfSqlite ? 'meets' : 'misses'} the target ≤ 1.5; ` +
      `${postgresWithDatabaseRatio} with PostgreSQL's own backends counted); ` +
      `PostgreSQL engine p99 ${output.target.postgresP99Under50Ms ? 'meets' : 'misses'} the < 50 ms target\n`
  );
}

/**
 * `--instances N`: one instance on PostgreSQL and Redis first (the same-run baseline: same
 * engines, no update crosses instances), then N; prints both and what the hop cost.
 */
async function runInstances(count: number): Promise<void> {
  const runs: ClusterResult[] = [];
  for (const n of [1, count]) {
    process.stderr.write(
      `bench: ${n} instance(s) on PostgreSQL + Redis: ${options.docs}×${options.clients} clients, ${options.rate}/s each…\n`
    );
    try {
      runs.push(await runCluster(n, options, clockTicks));
    } catch (err) {
      process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
  clearTimeout(deadline);
  const [one, many] = runs as [ClusterResult, ClusterResult];
  const output = {
    config: {
      docs: options.docs,
      clients: options.clients,
      ratePerClient: options.rate,
      offeredEditsPerSec: options.docs * options.clients * options.rate,
      seconds: options.seconds,
      warmup: options.warmup,
      drain: options.drain,
      instances: count
    },
    machine: { nproc: cpus().length, node: process.version, cpu: cpus()[0]?.model ?? null },
    baselineOneInstance: one,
    instances: many,
    target: { p99AcrossInstancesUnder100Ms: many.p99Ms == null ? null : many.p99Ms < 100 }
  };
  const json = JSON.stringify(output, null, 2);
  process.stdout.write(json + '\n');
  if (options.out) writeFileSync(options.out, json + '\n');
  process.stdout.write('\n');
  for (const r of runs) {
    process.stdout.write(
      `${r.instances} instance(s): p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (across instances: p99 ${r.crossInstance.p99Ms} ms over ${r.crossInstance.receipts} receipts), ` +
        `delivered ${(r.deliveredFraction * 100).toFixed(2)} %, ${r.deliveredPerSec} updates/s, ${r.cpuUsPerDelivered} µs CPU per update in all; ` +
        r.perInstance
          .map(
            (i) => `#${i.instance} ${i.cpuUsPerDelivered} µs/update (${i.cpuPercent} % of a core)`
          )
          .join(', ') +
        `; generator ${r.generator.cpuPercent} %, other processes ${r.otherProcessesCpuPercent} %\n`
    );
  }
  if (one.cpuUsPerDelivered && many.cpuUsPerDelivered)
    process.stdout.write(
      `CPU per delivered update, ${count} instances / 1: ${Math.round((many.cpuUsPerDelivered / one.cpuUsPerDelivered) * 1000) / 1000}; ` +
        `p99 across instances ${output.target.p99AcrossInstancesUnder100Ms ? 'meets' : 'misses'} the < 100 ms target\n`
    );
}
