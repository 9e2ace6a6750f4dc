/**
 * What relay-fanout.ts reports over its rounds: the CPU ratios as the median of the rounds'
 * ratios, p99 and peak RSS as the median of the rounds' values, and the targets judged on those.
 * With one round every median is that round's value.
 */
import type { ServerResult } from './runServer.ts';

export type RoundResults = Partial<Record<ServerResult['server'], ServerResult>>;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function oursOverClassic(r: RoundResults): number | null {
  return r.ours?.cpuUsPerDelivered && r.classic?.cpuUsPerDelivered
    ? round3(r.ours.cpuUsPerDelivered / r.classic.cpuUsPerDelivered)
    : null;
}

// The PostgreSQL engine against SQLite in the same round: the relay's own CPU, and the relay's
// together with PostgreSQL's backends (SQLite's work is inside the relay's process).
function postgresOverSqlite(r: RoundResults, withDatabase: boolean): number | null {
  const sqlite = r.ours?.cpuUsPerDelivered;
  const postgres = r.postgres?.cpuUsPerDelivered;
  if (!sqlite || !postgres) return null;
  const database = withDatabase ? (r.postgres?.databaseCpuUsPerDelivered ?? 0) : 0;
  return round3((postgres + database) / sqlite);
}

/** The median of a value over the rounds that have it, and how many did. */
export type OverRounds = { value: number | null; rounds: number };

function overRounds(values: (number | null | undefined)[]): OverRounds {
  const present = values.filter((v): v is number => v != null);
  const m = median(present);
  return { value: m === null ? null : round3(m), rounds: present.length };
}

export function summarizeRounds(rounds: RoundResults[]) {
  const cpuRatio = overRounds(rounds.map(oursOverClassic));
  const postgresRatio = overRounds(rounds.map((r) => postgresOverSqlite(r, false)));
  const postgresWithDatabaseRatio = overRounds(rounds.map((r) => postgresOverSqlite(r, true)));
  const oursP99Ms = overRounds(rounds.map((r) => r.ours?.p99Ms));
  const postgresP99Ms = overRounds(rounds.map((r) => r.postgres?.p99Ms));
  const oursPeakRssMiB = overRounds(rounds.map((r) => r.ours?.serverPeakRssMiB));
  const classicPeakRssMiB = overRounds(rounds.map((r) => r.classic?.serverPeakRssMiB));
  const cpu = cpuRatio.value;
  const pg = postgresRatio.value;
  return {
    cpuRatio,
    postgresRatio,
    postgresWithDatabaseRatio,
    oursP99Ms,
    postgresP99Ms,
    oursPeakRssMiB,
    classicPeakRssMiB,
    target: {
      cpuNoHigherThanClassic: cpu === null ? null : cpu <= 1,
      cpuAtMost0_8OfClassic: cpu === null ? null : cpu <= 0.8,
      peakRssNoHigherThanClassic:
        oursPeakRssMiB.value === null || classicPeakRssMiB.value === null
          ? null
          : oursPeakRssMiB.value <= classicPeakRssMiB.value,
      oursP99Under50Ms: oursP99Ms.value === null ? null : oursP99Ms.value < 50,
      postgresCpuWithin1_5xOfSqlite: pg === null ? null : pg <= 1.5,
      postgresP99Under50Ms: postgresP99Ms.value === null ? null : postgresP99Ms.value < 50
    }
  };
}

/** "", or " (median p99 over 4 rounds: 31 ms)" when the value is a median of several rounds. */
export function acrossRoundsNote(what: string, v: OverRounds, unit: string): string {
  return v.rounds > 1 ? ` (median ${what} over ${v.rounds} rounds: ${v.value} ${unit})` : '';
}
