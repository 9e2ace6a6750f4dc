import { chmodSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresWriteProbe } from '../../../server/ops/probes.ts';
import { Readiness } from '../../../server/ops/Readiness.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { PROCESS_TEST_TIMEOUT, startServerProcess } from './serverProcess.ts';

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

describe('health and readiness', () => {
  const defer = deferCleanup();

  it(
    'OP2: /readyz fails while the data folder is read-only or the document database is gone; /healthz stays ok',
    async () => {
      const data = makeTempDir();
      defer(data.remove);
      // As an unprivileged user: root writes into read-only folders, a service account does not.
      const server = await startServerProcess(
        data.dir,
        { LOG_LEVEL: 'silent', READINESS_TIMEOUT_MS: '2000' },
        { unprivileged: true }
      );
      defer(server.stop);

      expect(await get(`${server.url}/healthz`)).toEqual({ status: 200, text: 'ok' });
      const ready = await get(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.text).toMatch(/^ready\n/);
      expect(ready.text).toMatch(/ok data folder/);
      expect(ready.text).toMatch(/ok document storage/);

      chmodSync(data.dir, 0o555);
      defer(() => chmodSync(data.dir, 0o755));
      const readOnly = await get(`${server.url}/readyz`);
      expect(readOnly.status).toBe(503);
      expect(readOnly.text).toMatch(/^not ready\n/);
      expect(readOnly.text).toMatch(/failed data folder: .*EACCES/);
      expect((await get(`${server.url}/healthz`)).status).toBe(200);

      chmodSync(data.dir, 0o755);
      expect((await get(`${server.url}/readyz`)).status).toBe(200);

      for (const suffix of ['', '-wal', '-shm'])
        rmSync(path.join(data.dir, `uzel.sqlite${suffix}`), { force: true });
      const gone = await get(`${server.url}/readyz`);
      expect(gone.status).toBe(503);
      expect(gone.text).toMatch(/failed document storage/);
      expect(gone.text).toMatch(/ok data folder/);
    },
    PROCESS_TEST_TIMEOUT
  );

  it('OP2: the PostgreSQL probe fails on a read-only database and on one that is gone', async () => {
    const db = await createTestDatabase();
    defer(db.drop);
    const readiness = new Readiness({ timeoutMs: 3000 });
    const pools: pg.Pool[] = [];
    const pool = () => {
      const p = new pg.Pool({ connectionString: db.url });
      // A dropped database ends idle clients; the pool reports that as an event, not a crash.
      p.on('error', () => undefined);
      pools.push(p);
      return p;
    };
    defer(() => Promise.all(pools.map((p) => p.end())));

    readiness.register(postgresWriteProbe('document storage', pool()));
    expect(await readiness.check()).toMatchObject({
      ready: true,
      checks: [{ name: 'document storage', ok: true }]
    });

    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${db.name} SET default_transaction_read_only = on`);
    await admin.end();
    const readOnly = new Readiness({ timeoutMs: 3000 });
    readOnly.register(postgresWriteProbe('document storage', pool()));
    const refused = await readOnly.check();
    expect(refused.ready).toBe(false);
    expect(refused.checks[0]!.error).toMatch(/read-only transaction/);

    await db.drop();
    const dropped = await readiness.check();
    expect(dropped.ready).toBe(false);
    expect(dropped.checks[0]!.error).toMatch(/does not exist|terminat/);
  });

  it('OP2: a probe that hangs fails at the timeout instead of holding /readyz', async () => {
    const readiness = new Readiness({ timeoutMs: 50 });
    readiness.register({ name: 'slow storage', check: () => new Promise(() => undefined) });
    const report = await readiness.check();
    expect(report).toMatchObject({
      ready: false,
      checks: [{ name: 'slow storage', ok: false, error: 'no answer within 50 ms' }]
    });
  });
});
