import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1PX, putBlob } from '../files/blobHttp.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { PublishingServer } from '../publishing/publishingServer.ts';
import { admin } from './installation.ts';

/** Every table of a database with its row count and a hash of all its rows. */
async function contents(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    );
    const seen: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const row = await client.query<{ n: string; digest: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`
      );
      seen[name] = `${row.rows[0]!.n} ${row.rows[0]!.digest}`;
    }
    return seen;
  } finally {
    await client.end();
  }
}

describe('BK backups of a PostgreSQL installation', () => {
  const defer = deferCleanup();
  let source: TestDatabase;
  let target: TestDatabase;

  beforeAll(async () => {
    source = await createTestDatabase();
    target = await createTestDatabase();
  });
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  it('BK6 with DATABASE_URL, backup dumps the database with pg_dump and restore brings every table back row for row, into an empty database only', async () => {
    const server = await PublishingServer.start(defer, { databaseUrl: source.url });
    const { owner, workspaceId } = await server.workspace();
    expect((await putBlob(owner.client, workspaceId, PNG_1PX, 'image/png')).status).toBe(201);
    await server.setMeta(owner, workspaceId, 'doc-dymka', {
      title: 'Мастер-класс «Дымковская игрушка»',
      type: 'masterClass'
    });
    await server.setText(owner, workspaceId, 'doc-dymka', ['Лепим барыню из глины.']);
    expect((await server.api(owner, workspaceId).settings()).status).toBe(200);
    expect((await server.api(owner, workspaceId).publish('doc-dymka')).status).toBe(200);

    const tmp = makeTempDir();
    defer(tmp.remove);
    const archive = path.join(tmp.dir, 'uzel.dump');
    const dumped = await admin(['backup', archive], {
      DATA_DIR: tmp.dir,
      DATABASE_URL: source.url
    });
    expect(dumped.code, dumped.stderr).toBe(0);
    expect(readFileSync(archive).subarray(0, 5).toString('latin1')).toBe('PGDMP');

    const restored = await admin(['restore', archive], {
      DATA_DIR: tmp.dir,
      DATABASE_URL: target.url
    });
    expect(restored.code, restored.stderr).toBe(0);
    const before = await contents(source.url);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['publications', 'history_versions', 'blobs', 'uzel_schema_versions'])
    );
    expect(before.publications).not.toMatch(/^0 /);
    expect(await contents(target.url)).toEqual(before);

    const again = await admin(['restore', archive], {
      DATA_DIR: tmp.dir,
      DATABASE_URL: target.url
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is not empty');
    const wrongKind = await admin(['restore', archive], { DATA_DIR: path.join(tmp.dir, 'new') });
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toContain('set DATABASE_URL');
  }, 120_000);
});
