/**
 * Relay fan-out benchmark: D documents × C clients, each client making E small edits per second,
 * against Uzel's relay and against the classic y-websocket server (1.5.4), one after the other
 * under the same load. Prints one JSON object, then a short human summary.
 *
 *   npm run bench:relay -- --docs 50 --clients 5 --rate 2 --seconds 10
 *   npm run bench:relay -- --servers ours,postgres   (the PostgreSQL engine beside SQLite)
 *   npm run bench:relay -- --instances 2     # several instances on PostgreSQL and Redis
 *   npm run bench:relay -- --rounds 4        # ours,classic / classic,ours / …, medians over rounds
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
import {
  acrossRoundsNote,
  oursOverClassic,
  summarizeRounds,
  type RoundResults
} from './fanoutSummary.ts';

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

// One round: its results as they are. Several: each round's, and over the rounds the median of
// their ratios, p99s and peak RSS, on which the targets are judged.
const results = rounds[0]!.results;
const summary = summarizeRounds(rounds.map((r) => r.results));
const cpuRatio = summary.cpuRatio.value;
const postgresRatio = summary.postgresRatio.value;
const postgresWithDatabaseRatio = summary.postgresWithDatabaseRatio.value;
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
  medianOverRounds:
    rounds.length > 1
      ? {
          rounds: rounds.length,
          oursP99Ms: summary.oursP99Ms.value,
          postgresP99Ms: summary.postgresP99Ms.value,
          oursPeakRssMiB: summary.oursPeakRssMiB.value,
          classicPeakRssMiB: summary.classicPeakRssMiB.value
        }
      : undefined,
  target: summary.target
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
      `${rounds.length > 1 ? ` (median of ${summary.cpuRatio.rounds} rounds)` : ''} ` +
      `(${output.target.cpuAtMost0_8OfClassic ? 'meets' : 'misses'} the target ≤ 0.8); ` +
      `our p99${acrossRoundsNote('p99', summary.oursP99Ms, 'ms')} ` +
      `${output.target.oursP99Under50Ms ? 'meets' : 'misses'} the < 50 ms target\n`
  );
}
if (output.target.peakRssNoHigherThanClassic !== null) {
  process.stdout.write(
    `peak RSS, ours ${summary.oursPeakRssMiB.value} MiB / classic ${summary.classicPeakRssMiB.value} MiB` +
      `${rounds.length > 1 ? ` (median of the rounds' peaks)` : ''} ` +
      `${output.target.peakRssNoHigherThanClassic ? 'meets' : 'misses'} the no-higher-than-classic target\n`
  );
}
if (postgresRatio !== null) {
  process.stdout.write(
    `CPU per delivered update, PostgreSQL engine / SQLite engine: ${postgresRatio}` +
      `${rounds.length > 1 ? ` (median of ${summary.postgresRatio.rounds} rounds)` : ''} ` +
      `(${output.target.postgresCpuWithin1_5xOfSqlite ? 'meets' : 'misses'} the target ≤ 1.5; ` +
      `${postgresWithDatabaseRatio} with PostgreSQL's own backends counted); ` +
      `PostgreSQL engine p99${acrossRoundsNote('p99', summary.postgresP99Ms, 'ms')} ` +
      `${output.target.postgresP99Under50Ms ? 'meets' : 'misses'} the < 50 ms target\n`
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
