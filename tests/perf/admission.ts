// `npm run bench:admission`: what the relay's admission asks of the account store (who is behind
// a session cookie or a sync token, and their role in the workspace), on SQLite and on
// PostgreSQL, in one run. Prints a summary and the JSON result (also to --out).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Accounts } from '../../server/accounts/Accounts.ts';
import { openAccountStores } from '../../server/accounts/store/openAccountStores.ts';
import { closeEngine, type Engine } from '../../server/db/engine.ts';
import { connectPostgres } from '../../server/db/postgres.ts';
import { createTestDatabase } from '../unit/helpers/postgres.ts';
import { makeTempDir } from '../unit/helpers/relay.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { admissions: { type: 'string', default: '2000' }, out: { type: 'string' } }
});
const ADMISSIONS = Number(values.admissions);
const WARMUP = 200;

type Figures = { medianUs: number; p99Us: number; perSecond: number };

function figures(samples: number[], wallMs: number): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    medianUs: Math.round(at(0.5) * 1000),
    p99Us: Math.round(at(0.99) * 1000),
    perSecond: Math.round((samples.length / wallMs) * 1000)
  };
}

async function measure(engine: Engine, secretDir: string) {
  const store = await openAccountStores(engine);
  const accounts = new Accounts({
    dataDir: secretDir,
    store,
    sessionTtlMs: 720 * 3_600_000,
    syncTokenTtlMs: 3_600_000
  });
  try {
    const user = await accounts.register({
      email: 'bench@example.org',
      password: 'пароль-для-замера',
      displayName: 'Замер'
    });
    const workspace = await accounts.createWorkspace('Сеть', user.id);
    const session = await accounts.startSession(user.id);
    const sync = (await accounts.access.issueSyncToken(user.id, workspace.id))!;
    const ways = {
      cookie: { cookieHeader: `uzel_session=${session.token}`, token: null },
      token: { cookieHeader: undefined, token: sync.token }
    };
    const result: Record<string, Figures> = {};
    for (const [way, request] of Object.entries(ways)) {
      const admit = async () => {
        const principal = await accounts.access.authenticate(request);
        if (!principal || !(await accounts.access.roleIn(principal, workspace.id)))
          throw new Error(`${way}: not admitted`);
      };
      for (let i = 0; i < WARMUP; i++) await admit();
      const samples: number[] = [];
      const started = performance.now();
      for (let i = 0; i < ADMISSIONS; i++) {
        const t = performance.now();
        await admit();
        samples.push(performance.now() - t);
      }
      result[way] = figures(samples, performance.now() - started);
    }
    return result;
  } finally {
    await accounts.close();
  }
}

const tmp = makeTempDir();
const database = await createTestDatabase();
try {
  const sqlite = await measure({ kind: 'sqlite', dataDir: tmp.dir, synchronous: 'full' }, tmp.dir);
  const pg: Engine = { kind: 'postgres', pool: await connectPostgres(database.url) };
  const postgres = await measure(pg, tmp.dir).finally(() => closeEngine(pg));
  const ratio = (way: 'cookie' | 'token') =>
    Math.round((postgres[way]!.medianUs / sqlite[way]!.medianUs) * 10) / 10;
  const report = {
    admissions: ADMISSIONS,
    sqlite,
    postgres,
    medianRatio: { cookie: ratio('cookie'), token: ratio('token') }
  };
  for (const [engine, ways] of Object.entries({ sqlite, postgres })) {
    for (const [way, f] of Object.entries(ways)) {
      process.stdout.write(
        `${engine.padEnd(8)} ${way.padEnd(6)} median ${f.medianUs} µs  p99 ${f.p99Us} µs  ${f.perSecond}/s\n`
      );
    }
  }
  process.stdout.write(
    `PostgreSQL ÷ SQLite (median): cookie ${report.medianRatio.cookie}×, token ${report.medianRatio.token}×\n`
  );
  process.stdout.write(JSON.stringify(report) + '\n');
  if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2));
} finally {
  await database.drop();
  tmp.remove();
}
