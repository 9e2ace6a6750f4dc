/**
 * Runs Uzel's relay alone (no web app) in its own process, so the benchmark can read its CPU time
 * from /proc/<pid>/stat without counting the load generator. Prints `{"url","pid","dataDir"}` as
 * one JSON line on stdout once listening; on SIGTERM it closes like the real server (flushing
 * every queued update), removes its temporary data folder and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { UzelServer } from '../../server/UzelServer.ts';

// A fresh folder each run: the benchmark measures an empty store, not the previous run's data.
const dataDir = mkdtempSync(path.join(tmpdir(), 'uzel-bench-'));
const config = loadConfig({
  ...process.env,
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn'
});
const log = createLogger(config.logLevel);
const server = new UzelServer({ config, log });
const url = await server.listen();
process.stdout.write(JSON.stringify({ url, pid: process.pid, dataDir }) + '\n');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server
    .close()
    .catch((err: unknown) => {
      log.error('shutdown failed', { error: err instanceof Error ? err.message : String(err) });
      process.exitCode = 1;
    })
    .finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      // process.exit (not a signal death) is also what lets --cpu-prof write its profile.
      process.exit();
    });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
