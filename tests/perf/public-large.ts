/**
 * The first view of a very large published material (10 MB of text by default) must not hold
 * the server's event loop: everyone else's pages, syncs and acknowledgements wait behind it.
 * Publishes one such document into a real `UzelServer` in this process, then has curl (another
 * process) request its page with the render cache empty while a 1 ms timer records the longest
 * stall between its ticks (CPU time this process used in the gap, so the machine being busy does
 * not count; the wall-clock gap is printed too), and the page's time to the last byte. Usage:
 *   npm run bench:public-large -- [--megabytes 10] [--runs 5]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { UzelServer } from '../../server/UzelServer.ts';
import { api, benchOwner } from './benchApi.ts';
import { indexRoots } from '../../src/lib/shared/model/schema.ts';
import { writeLargeDocument } from '../unit/helpers/largeDocument.ts';
import { longestStall } from '../unit/helpers/stallMeter.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    megabytes: { type: 'string', default: process.env.BENCH_MEGABYTES ?? '10' },
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '5' }
  }
});
const BYTES = Number(values.megabytes) * 1024 * 1024;
const RUNS = Number(values.runs);
const execute = promisify(execFile);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'uzel-bench-large-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SAMPLE_DATA: 'off'
  });
  const server = new UzelServer({ config, log: createLogger('silent') });
  server.http.keepAliveTimeout = 10 * 60_000;
  const base = await server.listen();
  try {
    const { cookie, workspaceId: ws } = await benchOwner(base);
    const doc = new Y.Doc();
    const chars = writeLargeDocument(doc, BYTES);
    const index = new Y.Doc();
    const entry = new Y.Map<unknown>();
    indexRoots.documents(index).set('huge', entry);
    entry.set('title', 'Сборник методических разработок за десять лет');
    entry.set('type', 'methodology');
    entry.set('createdAt', Date.now());
    entry.set('updatedAt', Date.now());
    entry.set('deletedAt', null);
    await server.storage.append([
      { room: `${ws}/huge`, update: Y.encodeStateAsUpdate(doc) },
      { room: `${ws}/index`, update: Y.encodeStateAsUpdate(index) }
    ]);
    const published = await api(
      `${base}/api/workspaces/${ws}/publications/huge/publish`,
      cookie,
      'POST',
      {}
    );
    if (published.status !== 200) throw new Error(`publish answered ${published.status}`);
    const url = base + (published.json.publication.path as string);
    const catalogue = `${base}/p/${(published.json.publication.path as string).split('/')[2]}/`;
    // The first page after a publish builds the site's snapshot, parsing every pinned version.
    const snapshot = await longestStall(() =>
      execute('curl', ['-s', '-o', '/dev/null', catalogue]).then(() => 0)
    );
    const stalls: number[] = [];
    const wallStalls: number[] = [];
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      server.publicSite.cache.clear();
      const started = performance.now();
      // The reader is another process (curl): a client in this one would share its event loop.
      const { value, stallMs, wallMs } = await longestStall(async () => {
        const { stdout } = await execute('curl', [
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{size_download}',
          url
        ]);
        return Number(stdout);
      });
      times.push(performance.now() - started);
      stalls.push(stallMs);
      wallStalls.push(wallMs);
      bytes = value;
    }
    const result = {
      benchmark: 'public-large',
      characters: chars,
      htmlBytes: bytes,
      runs: RUNS,
      snapshotBuildStallMs: Math.round(snapshot.stallMs),
      longestStallMs: { median: Math.round(median(stalls)), all: stalls.map(Math.round) },
      longestWallGapMs: { median: Math.round(median(wallStalls)), all: wallStalls.map(Math.round) },
      pageMs: { median: Math.round(median(times)), all: times.map(Math.round) }
    };
    console.log(JSON.stringify(result, null, 2));
    const ok = median(stalls) <= 100 ? 'ok' : 'MISSED';
    console.log(
      `\n${(chars / 1e6).toFixed(1)} M characters, ${(bytes / 1024 / 1024).toFixed(1)} MB of HTML: ` +
        `longest stall median ${result.longestStallMs.median} ms [${ok} <= 100 ms] ` +
        `(longest wall-clock gap ${result.longestWallGapMs.median} ms), page ${result.pageMs.median} ms; ` +
        `building the site snapshot after the publish stalled ${result.snapshotBuildStallMs} ms`
    );
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
