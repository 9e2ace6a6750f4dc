import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * A PostgreSQL database of its own for one test run, dropped afterwards. Tests that need it never
 * skip: without a server they fail with the command that starts one.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const START_POSTGRES =
  'PostgreSQL is not reachable at ' +
  ADMIN_URL +
  ' (set TEST_POSTGRES_URL to use another). Start it with: ' +
  'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ' +
  '(or apt-get install -y postgresql)';

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`${START_POSTGRES}\n(${(err as Error).message})`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `uzel_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {})
  };
}
