import { describe, expect, it } from 'vitest';
import { acrossRoundsNote, summarizeRounds, type RoundResults } from '../../perf/fanoutSummary.ts';
import type { ServerResult } from '../../perf/runServer.ts';

/** Only the fields the summary reads; the rest of a round's result does not enter it. */
function result(
  server: ServerResult['server'],
  fields: { cpu: number; p99: number | null; peak: number | null; databaseCpu?: number }
): ServerResult {
  return {
    server,
    cpuUsPerDelivered: fields.cpu,
    databaseCpuUsPerDelivered: fields.databaseCpu ?? null,
    p99Ms: fields.p99,
    serverPeakRssMiB: fields.peak
  } as ServerResult;
}

function round(
  ours: { cpu: number; p99: number | null; peak: number | null },
  classic: { cpu: number; p99: number | null; peak: number | null }
): RoundResults {
  return { ours: result('ours', ours), classic: result('classic', classic) };
}

describe('relay fan-out summary over rounds', () => {
  it('with one round, judges the targets on that round', () => {
    const s = summarizeRounds([
      round({ cpu: 70, p99: 40, peak: 90 }, { cpu: 100, p99: 5, peak: 100 })
    ]);
    expect(s.cpuRatio).toEqual({ value: 0.7, rounds: 1 });
    expect(s.oursP99Ms).toEqual({ value: 40, rounds: 1 });
    expect(s.target).toMatchObject({
      cpuAtMost0_8OfClassic: true,
      oursP99Under50Ms: true,
      peakRssNoHigherThanClassic: true
    });
    expect(acrossRoundsNote('p99', s.oursP99Ms, 'ms')).toBe('');
  });

  it('judges p99 and peak RSS on the median of the rounds, not on the first round', () => {
    // Round 1 alone would meet both targets; rounds 2 and 3 miss them.
    const s = summarizeRounds([
      round({ cpu: 70, p99: 30, peak: 90 }, { cpu: 100, p99: 5, peak: 100 }),
      round({ cpu: 75, p99: 60, peak: 120 }, { cpu: 100, p99: 5, peak: 100 }),
      round({ cpu: 72, p99: 80, peak: 110 }, { cpu: 100, p99: 5, peak: 101 })
    ]);
    expect(s.oursP99Ms).toEqual({ value: 60, rounds: 3 });
    expect(s.oursPeakRssMiB).toEqual({ value: 110, rounds: 3 });
    expect(s.classicPeakRssMiB).toEqual({ value: 100, rounds: 3 });
    expect(s.target.oursP99Under50Ms).toBe(false);
    expect(s.target.peakRssNoHigherThanClassic).toBe(false);
    expect(s.cpuRatio).toEqual({ value: 0.72, rounds: 3 });
    expect(acrossRoundsNote('p99', s.oursP99Ms, 'ms')).toBe(' (median p99 over 3 rounds: 60 ms)');
  });

  it('takes the middle two of an even number of rounds, and the PostgreSQL p99 over rounds too', () => {
    const rounds: RoundResults[] = [30, 40, 55, 70].map((pgP99) => ({
      ours: result('ours', { cpu: 100, p99: 10, peak: 90 }),
      postgres: result('postgres', { cpu: 130, p99: pgP99, peak: 90, databaseCpu: 40 })
    }));
    const s = summarizeRounds(rounds);
    expect(s.postgresP99Ms).toEqual({ value: 47.5, rounds: 4 });
    expect(s.target.postgresP99Under50Ms).toBe(true);
    expect(s.postgresRatio.value).toBe(1.3);
    expect(s.postgresWithDatabaseRatio.value).toBe(1.7);
    // No classic server in this run: the targets against it are not judged.
    expect(s.cpuRatio).toEqual({ value: null, rounds: 0 });
    expect(s.target.peakRssNoHigherThanClassic).toBeNull();
  });

  it('leaves out rounds without a p99', () => {
    const s = summarizeRounds([
      round({ cpu: 70, p99: null, peak: 90 }, { cpu: 100, p99: 5, peak: 100 }),
      round({ cpu: 70, p99: 45, peak: 90 }, { cpu: 100, p99: 5, peak: 100 })
    ]);
    expect(s.oursP99Ms).toEqual({ value: 45, rounds: 1 });
    expect(acrossRoundsNote('p99', s.oursP99Ms, 'ms')).toBe('');
  });
});
