import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../server/config.ts';
import { createLogger } from '../../../server/log.ts';
import type { RoomStorage } from '../../../server/storage/RoomStorage.ts';
import { UzelServer } from '../../../server/UzelServer.ts';
import type { Defer } from './cleanup.ts';
import { useAccounts } from './credentials.ts';

/** The settings a test may change; everything else keeps the server's default. */
export type RelayEnv = Partial<
  Record<
    | 'ROOM_IDLE_MS'
    | 'COMPACT_AFTER_UPDATES'
    | 'MAX_MESSAGE_BYTES'
    | 'ALLOWED_ORIGINS'
    | 'SQLITE_SYNC'
    | 'MESSAGES_PER_SECOND'
    | 'MAX_CONNECTIONS_PER_USER'
    | 'WRITE_BYTES_PER_SECOND'
    | 'USER_WRITE_BYTES_PER_SECOND'
    | 'MAX_QUEUED_BYTES'
    | 'HEARTBEAT_MS'
    | 'DOC_WORKSPACE_QUOTA_BYTES'
    | 'CALENDAR_FEED_REQUESTS_PER_TOKEN'
    | 'CALENDAR_FEED_REQUESTS_PER_ADDRESS'
    | 'DATABASE_URL'
    | 'REDIS_URL'
    | 'SAMPLE_DATA'
    | 'METRICS_TOKEN',
    string
  >
>;

export function makeTempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'uzel-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Where the server keeps its SQLite file inside DATA_DIR. */
export function dbFileIn(dataDir: string): string {
  return path.join(dataDir, 'uzel.sqlite');
}

/**
 * A real UzelServer on 127.0.0.1 with a random port and a real SQLite file. Rooms stay loaded for
 * a minute unless the test asks otherwise, so eviction only happens in the tests about it.
 */
export class TestRelay {
  readonly server: UzelServer;
  readonly url: string;
  readonly dataDir: string;
  readonly env: RelayEnv;

  private constructor(server: UzelServer, url: string, dataDir: string, env: RelayEnv) {
    this.server = server;
    this.url = url;
    this.dataDir = dataDir;
    this.env = env;
  }

  /** `storage` replaces the server's own SQLite engine (a restart goes back to the default). */
  static async start(
    dataDir: string,
    env: RelayEnv = {},
    storage?: RoomStorage
  ): Promise<TestRelay> {
    const config = loadConfig({
      ROOM_IDLE_MS: '60000',
      // Tests register several people; the registration rules are tested on their own.
      REGISTRATION: 'open',
      ...env,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent'
    });
    const server = new UzelServer({ config, log: createLogger('silent'), storage });
    const url = await server.listen();
    useAccounts(dataDir);
    return new TestRelay(server, url, dataDir, env);
  }

  /** A relay on a fresh temporary data folder; both go when the test's cleanups run. */
  static async startFresh(defer: Defer, env: RelayEnv = {}): Promise<TestRelay> {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const relay = await TestRelay.start(tmp.dir, env);
    defer(() => relay.close());
    return relay;
  }

  /** Base URL for y-websocket: the provider appends `/<room>`. */
  get syncUrl(): string {
    return this.url.replace(/^http/, 'ws') + '/sync';
  }

  roomUrl(room: string, query = ''): string {
    return `${this.syncUrl}/${room}${query}`;
  }

  get dbFile(): string {
    return dbFileIn(this.dataDir);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Graceful stop, then a new server on the same data folder (and a new port). */
  async restart(): Promise<TestRelay> {
    await this.close();
    return TestRelay.start(this.dataDir, this.env);
  }
}
