import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../cluster/freePort.ts';

const run = promisify(execFile);
const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export const MISSING_POSTGRES_BINARIES =
  `initdb and pg_ctl were not found in ${BIN} (set POSTGRES_BIN to use others). ` +
  'Install them with: apt-get install -y postgresql';

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl in a temporary folder, on a free port
 * of 127.0.0.1), so a test may stop and restart it; the system's server is never touched.
 * PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user.
 */
export class OwnPostgres {
  readonly port: number;
  readonly #dir: string;
  readonly #asUser: string[];

  private constructor(port: number, dir: string, asUser: string[]) {
    this.port = port;
    this.#dir = dir;
    this.#asUser = asUser;
  }

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(path.join(tmpdir(), 'uzel-pg-'));
    let asUser: string[] = [];
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
        throw new Error(`no postgres user to run PostgreSQL as. ${MISSING_POSTGRES_BINARIES}`);
      });
      const uid = Number(stdout.trim());
      chownSync(dir, uid, uid);
      asUser = ['runuser', '-u', 'postgres', '--'];
    }
    const cluster = new OwnPostgres(await freePort(), dir, asUser);
    try {
      await cluster.#exec(path.join(BIN, 'initdb'), [
        '-D',
        cluster.#data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-sync'
      ]);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${MISSING_POSTGRES_BINARIES}\n(${(err as Error).message})`);
    }
    await cluster.resume();
    return cluster;
  }

  get #data(): string {
    return path.join(this.#dir, 'data');
  }

  async #exec(command: string, args: string[]): Promise<void> {
    const [bin, ...rest] = [...this.#asUser, command, ...args];
    await run(bin!, rest, { cwd: this.#dir, timeout: 60_000 });
  }

  /** Starts (or restarts) the server and waits until it accepts connections. */
  async resume(): Promise<void> {
    await this.#exec(path.join(BIN, 'pg_ctl'), [
      '-D',
      this.#data,
      '-l',
      path.join(this.#dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.#dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      'start'
    ]);
  }

  /** Stops the server at once (`-m fast`: sessions are ended, as when the database host goes away). */
  async stop(): Promise<void> {
    await this.#exec(path.join(BIN, 'pg_ctl'), ['-D', this.#data, '-m', 'fast', '-w', 'stop']);
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
