/**
 * Runs Uzel's relay alone (no web app) in its own process, so the benchmark can read its CPU time
 * from /proc/<pid>/stat without counting the load generator. Prints `{"url","pid","dataDir",
 * "workspace","token"}` as one JSON line on stdout once listening; on SIGTERM it closes like the real server (flushing
 * every queued update), removes its temporary data folder and exits. It also stops when its stdin
 * closes, so it cannot outlive the benchmark.
 *
 * With BENCH_ENGINE=postgres every store is on a fresh PostgreSQL database of its own (created on
 * BENCH_POSTGRES_URL's server, default postgres://postgres@127.0.0.1:5432/postgres, and dropped at
 * the end), reported as `databaseUrl` so the benchmark can count its backends' CPU too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { closeEngine, openEngine } from '../../server/db/engine.ts';
import { createLogger } from '../../server/log.ts';
import { UzelServer } from '../../server/UzelServer.ts';
import { benchDatabase } from './benchDatabase.ts';

const onPostgres = process.env.BENCH_ENGINE === 'postgres';

// A fresh folder each run: the benchmark measures an empty store, not the previous run's data.
const dataDir = mkdtempSync(path.join(tmpdir(), 'uzel-bench-'));
const database = onPostgres ? await benchDatabase() : null;
const config = loadConfig({
  ...process.env,
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  SAMPLE_DATA: 'off',
  // A further instance of several gets the first one's database (BENCH_JOIN, DATABASE_URL).
  DATABASE_URL: database?.url ?? process.env.DATABASE_URL ?? '',
  // Every load client connects as the same service member; the per-person cap is not under test.
  MAX_CONNECTIONS_PER_USER: '1000000'
});
const log = createLogger(config.logLevel);
const engine = await openEngine(config);
const server = await UzelServer.onEngine({ config, log }, engine);

// The relay admits only members: one workspace, one editor, one sync token for all clients.
// Further instances on the same PostgreSQL database are handed the first one's (BENCH_JOIN).
const joined = process.env.BENCH_JOIN
  ? (JSON.parse(process.env.BENCH_JOIN) as { workspace: string; token: string })
  : null;
let workspaceId: string;
let token: string;
if (joined) {
  ({ workspace: workspaceId, token } = joined);
} else {
  const workspace = await server.accounts.createWorkspace('Benchmark', null);
  const member = await server.accounts.ensureServiceMember(workspace.id, 'Benchmark', 'editor');
  const grant = await server.accounts.access.issueSyncToken(member.id, workspace.id);
  if (!grant) throw new Error('could not issue a sync token for the benchmark');
  workspaceId = workspace.id;
  token = grant.token;
}

const url = await server.listen();
const ready = {
  url,
  pid: process.pid,
  dataDir,
  workspace: workspaceId,
  token,
  ...(database ? { databaseUrl: database.url } : {})
};
process.stdout.write(JSON.stringify(ready) + '\n');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // A flush that hangs must not leave a relay running after the benchmark is gone.
  setTimeout(() => process.exit(1), 15_000).unref();
  server
    .close()
    .then(() => closeEngine(engine))
    .then(() => database?.drop())
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
// stdin is a pipe from the benchmark: if the benchmark dies without stopping us, it closes.
process.stdin.on('close', stop);
process.stdin.resume();
