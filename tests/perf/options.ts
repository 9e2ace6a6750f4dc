/** Benchmark settings: CLI flags win over BENCH_* environment variables, which win over defaults. */
import { parseArgs } from 'node:util';
import { FLOOD_MODES, type FloodMode } from './flooder.ts';
import { DEFAULT_SERVERS, SERVER_KINDS, type ServerKind } from './processes.ts';

export type BenchOptions = {
  docs: number;
  clients: number;
  /** Edits per second per client. */
  rate: number;
  /** Length of the measurement window per server. */
  seconds: number;
  /** Load before the window, so connection set-up and JIT warm-up are not measured. */
  warmup: number;
  /** Wait after the window for receipts of the last edits. */
  drain: number;
  /** Servers to run, in order. */
  servers: ServerKind[];
  /** Hard limit for the whole run. */
  timeout: number;
  /** Also write the JSON result to this file. */
  out?: string;
  /** Write a V8 CPU profile of our relay into this folder. */
  profileDir?: string;
  /** One hostile editor in doc0 (see flooder.ts); `none` by default. */
  flood: FloodMode;
  /**
   * More than 1: our relay as that many instances on PostgreSQL and Redis (runCluster.ts), after
   * a same-run baseline of one instance on the same engines; the classic server is not run.
   */
  instances: number;
  /**
   * Rounds of the servers in one invocation, the order reversed every other round (ours,
   * classic, then classic, ours…): whichever runs first in a process reads higher, so ratios are
   * taken per round and their median reported.
   */
  rounds: number;
};

const USAGE = `Usage: npm run bench -- [--docs 200] [--clients 5] [--rate 2] [--seconds 20]
  [--warmup 5] [--drain 2] [--servers ours,classic,postgres] [--timeout 180 (per round)] [--out file.json]
  [--profile dir] [--flood none|bytes|messages|reconnect] [--instances 1] [--rounds 1]
Each flag can also be set as BENCH_<FLAG> in the environment (e.g. BENCH_DOCS=50).`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string' },
      clients: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      drain: { type: 'string' },
      servers: { type: 'string' },
      timeout: { type: 'string' },
      out: { type: 'string' },
      profile: { type: 'string' },
      flood: { type: 'string' },
      instances: { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean' }
    }
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const pick = (name: keyof typeof values & string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : env[`BENCH_${name.toUpperCase()}`] || undefined;
  };
  const num = (name: keyof typeof values & string, fallback: number, min: number): number => {
    const raw = pick(name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`--${name} must be a number ≥ ${min}\n${USAGE}`);
    return value;
  };
  const servers = (pick('servers') ?? DEFAULT_SERVERS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of servers) {
    if (!SERVER_KINDS.includes(s as ServerKind)) throw new Error(`unknown server "${s}"\n${USAGE}`);
  }
  const flood = (pick('flood') ?? 'none') as FloodMode;
  if (!FLOOD_MODES.includes(flood)) throw new Error(`unknown flood mode "${flood}"\n${USAGE}`);
  return {
    flood,
    docs: Math.floor(num('docs', 200, 1)),
    // Fewer than two clients per document would leave nobody to receive an edit.
    clients: Math.floor(num('clients', 5, 2)),
    rate: num('rate', 2, 0.01),
    seconds: num('seconds', 20, 1),
    warmup: num('warmup', 5, 0),
    drain: num('drain', 2, 0),
    servers: servers as ServerKind[],
    timeout: num('timeout', 180, 10),
    out: pick('out'),
    profileDir: pick('profile'),
    instances: Math.floor(num('instances', 1, 1)),
    rounds: Math.floor(num('rounds', 1, 1))
  };
}
