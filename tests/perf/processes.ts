/**
 * Starting, measuring and stopping the relay under test. Each server runs as a child process so
 * that its CPU time (read from /proc) is its own, not shared with the load generator.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bundleServerEntries } from '../../scripts/build-server.js';

/** `postgres` is our relay with every store on PostgreSQL (DATABASE_URL), `ours` on SQLite. */
export type ServerKind = 'ours' | 'classic' | 'postgres';
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'classic', 'postgres'];
/** What a run compares unless told otherwise (`--servers ours,postgres` adds the PostgreSQL engine). */
export const DEFAULT_SERVERS: readonly ServerKind[] = ['ours', 'classic'];

export type RunningServer = {
  kind: ServerKind;
  pid: number;
  /** The websocket URL a client opens for one document. */
  docUrl(doc: string): string;
  /** Throws if the server has died (a crash mid-run would otherwise look like a slow server). */
  assertRunning(): void;
  /** Other processes doing the server's work (PostgreSQL's backends for it), for their CPU. */
  helperPids?(): Promise<number[]>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<StopResult>;
};

export type StopResult = { cleanExit: boolean; code: number | null; signal: string | null };

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const live = new Set<ChildProcess>();

// Whatever happens to the benchmark (abort, exception), no server is left holding a port.
// SIGTERM rather than SIGKILL so that our relay still removes its temporary data folder.
process.on('exit', () => {
  for (const child of live) child.kill('SIGTERM');
});

export async function startServer(
  kind: ServerKind,
  options: { profileDir?: string } = {}
): Promise<RunningServer> {
  if (kind === 'classic') return startClassic();
  return startOurs(kind, options.profileDir);
}

async function startOurs(kind: 'ours' | 'postgres', profileDir?: string): Promise<RunningServer> {
  const env = { ...process.env, BENCH_ENGINE: kind === 'postgres' ? 'postgres' : 'sqlite' };
  return (await startOurInstance(env, profileDir, kind)).server;
}

/**
 * Our relay with the given environment (DATABASE_URL and REDIS_URL for an instance of several);
 * also returns the workspace and token its clients use, to hand to the next instance (BENCH_JOIN).
 */
export async function startOurInstance(
  env: NodeJS.ProcessEnv,
  profileDir?: string,
  kind: 'ours' | 'postgres' = 'ours'
): Promise<{ server: RunningServer; join: string }> {
  const entry = await startRelayBundle();
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = launch([...profile, entry], env);
  const line = await firstLine(child, (l) => l.startsWith('{'));
  const ready = JSON.parse(line) as {
    url: string;
    workspace: string;
    token: string;
    databaseUrl?: string;
  };
  const base = `${ready.url.replace(/^http/, 'ws')}/sync/${ready.workspace}`;
  const query = `token=${encodeURIComponent(ready.token)}&acks=1`;
  // `acks=1` as the app asks for it: the server then also sends "saved" messages, a real cost.
  const server = running(kind, child, (doc) => `${base}/${doc}?${query}`);
  if (ready.databaseUrl) server.helperPids = () => backendPids(ready.databaseUrl!);
  return { server, join: JSON.stringify({ workspace: ready.workspace, token: ready.token }) };
}

/** PostgreSQL's backend processes serving the benchmark's database (not this query's own). */
async function backendPids(databaseUrl: string): Promise<number[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

async function startClassic(): Promise<RunningServer> {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('y-websocket-classic/package.json');
  const entry = path.join(path.dirname(pkg), 'bin', 'server.js');
  const port = await freePort();
  const child = launch([entry], { ...process.env, HOST: '127.0.0.1', PORT: String(port) });
  await firstLine(child, (l) => l.includes('running at'));
  return running('classic', child, (doc) => `ws://127.0.0.1:${port}/bench/${doc}`);
}

let bundled: Promise<string> | null = null;

/**
 * start-relay.ts bundled as `npm start` bundles the server, and run by plain `node` like it: the
 * figures are those of the production process, not of the TypeScript loader. Built once per run.
 */
function startRelayBundle(): Promise<string> {
  bundled ??= (async () => {
    const outdir = path.join(repoRoot, 'node_modules', '.cache', 'uzel-bench');
    await bundleServerEntries({ 'start-relay': 'tests/perf/start-relay.ts' }, outdir);
    return path.join(outdir, 'start-relay.mjs');
  })();
  return bundled;
}

function launch(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    // stdin stays open as a lifeline: start-relay.ts exits when it closes.
    stdio: ['pipe', 'pipe', 'inherit']
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function running(
  kind: ServerKind,
  child: ChildProcess,
  docUrl: (doc: string) => string
): RunningServer {
  if (child.pid === undefined) throw new Error(`${kind} server has no pid`);
  return {
    kind,
    pid: child.pid,
    docUrl,
    assertRunning() {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${kind} server exited during the run (${child.exitCode ?? child.signalCode})`
        );
      }
    },
    stop: (graceMs = 10_000) => stopChild(child, graceMs)
  };
}

/** Resolves with the first stdout line accepted by `match`; rejects if the child dies first. */
function firstLine(child: ChildProcess, match: (line: string) => boolean): Promise<string> {
  const stdout = child.stdout;
  if (!stdout) return Promise.reject(new Error('child has no stdout'));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    const timer = setTimeout(() => fail(new Error('server did not start within 60 s')), 60_000);
    const onExit = (code: number | null) => fail(new Error(`server exited early (code ${code})`));
    const fail = (err: Error) => {
      clearTimeout(timer);
      lines.close();
      child.kill('SIGKILL');
      reject(err);
    };
    child.once('exit', onExit);
    lines.on('line', (line) => {
      if (!match(line)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // Keep draining stdout so a chatty server never blocks on a full pipe.
      lines.removeAllListeners('line');
      resolve(line);
    });
  });
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<StopResult> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return { cleanExit: false, code: child.exitCode, signal: child.signalCode };
  }
  const exited = new Promise<StopResult>((resolve) =>
    child.once('exit', (code, signal) => resolve({ cleanExit: true, code, signal }))
  );
  child.kill('SIGTERM');
  const timer = new Promise<null>((resolve) => setTimeout(() => resolve(null), graceMs));
  const result = await Promise.race([exited, timer]);
  if (result) return result;
  child.kill('SIGKILL');
  return { ...(await exited), cleanExit: false };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Clock ticks per second, the unit of utime/stime in /proc (almost always 100). */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

export type CpuTicks = { user: number; system: number };

/** User and system CPU time of the whole process (all threads), in clock ticks. */
export function cpuTicks(pid: number): CpuTicks {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields are counted from after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]), system: Number(fields[12]) }; // fields 14 and 15
}

/** Resident memory in MiB, from /proc/<pid>/status. */
export function rssMiB(pid: number): number | null {
  return statusMiB(pid, 'VmRSS');
}

/** The most resident memory the process has had since it started (the kernel's high-water mark). */
export function peakRssMiB(pid: number): number | null {
  return statusMiB(pid, 'VmHWM');
}

function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8')
  );
  return match?.[1] ? Math.round(Number(match[1]) / 1024) : null;
}

/** Busy (not idle, not waiting for I/O) and total CPU time of the whole machine, in clock ticks. */
export function machineCpuTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}
