import pg from 'pg';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { ApiClient, PASSWORD } from '../accounts/apiServer.ts';
import { spawnRelay, type ChildRelay } from '../helpers/childRelay.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { savedCount, syncPayload, updateFrame } from '../helpers/frames.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { waitFor } from '../helpers/wait.ts';
import { startRedis, type TestRedis } from '../helpers/redisServer.ts';
import { makeTempDir, type RelayEnv } from '../helpers/relay.ts';

/**
 * Two (or more) real server processes on one fresh PostgreSQL database and one redis-server of
 * the test file's own, as operators run them behind a load balancer.
 */
export class Cluster {
  readonly database: TestDatabase;
  readonly redis: TestRedis;
  readonly instances: ChildRelay[];
  readonly pool: pg.Pool;
  #people = 0;

  private constructor(database: TestDatabase, redis: TestRedis, instances: ChildRelay[]) {
    this.database = database;
    this.redis = redis;
    this.instances = instances;
    this.pool = new pg.Pool({ connectionString: database.url, max: 2 });
    // Dropping the database at the end terminates any connection still idle in the pool; that
    // is the end of the run, not a failure of the test.
    this.pool.on('error', () => {});
  }

  static async start(count = 2, env: RelayEnv = {}): Promise<Cluster> {
    const database = await createTestDatabase();
    const redis = await startRedis();
    const dirs = Array.from({ length: count }, () => makeTempDir());
    const shared: RelayEnv = {
      SAMPLE_DATA: 'off',
      ROOM_IDLE_MS: '60000',
      ...env,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url
    };
    // One at a time: the first creates the schema, the others find it.
    const instances: ChildRelay[] = [];
    for (const dir of dirs) instances.push(await spawnRelay(dir.dir, shared));
    const cluster = new Cluster(database, redis, instances);
    cluster.#cleanup = async () => {
      await Promise.all(instances.map((i) => i.kill()));
      await cluster.pool.end();
      await redis.stop();
      await database.drop();
      for (const dir of dirs) dir.remove();
    };
    return cluster;
  }

  #cleanup: () => Promise<void> = async () => undefined;

  stop(): Promise<void> {
    return this.#cleanup();
  }

  /** A person registered (through instance `via`) and signed in; the session works everywhere. */
  async person(displayName: string, via = 0): Promise<{ client: ApiClient; id: string }> {
    const client = new ApiClient(this.instances[via]!.url);
    const email = `fanout${++this.#people}.${Date.now()}@example.org`;
    const res = await client.post('/api/auth/register', { email, password: PASSWORD, displayName });
    if (res.status !== 202) throw new Error(`register answered ${res.status}: ${res.text}`);
    const login = await client.post('/api/auth/login', { email, password: PASSWORD });
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
    return { client, id: (login.json as { user: { id: string } }).user.id };
  }

  /** An owner with a new workspace and a member who joined it with `role`. */
  async team(role: 'editor' | 'viewer' = 'editor') {
    const owner = await this.person('Анна Лобанова');
    const ws = await owner.client.post('/api/workspaces', { name: 'Сеть учреждений Курска' });
    if (ws.status !== 201) throw new Error(`create workspace answered ${ws.status}: ${ws.text}`);
    const workspaceId = (ws.json as { workspace: { id: string } }).workspace.id;
    const invite = await owner.client.post(`/api/workspaces/${workspaceId}/invites`, { role });
    const token = (invite.json as { invite: { token: string } }).invite.token;
    const member = await this.person('Ирина Котова', 1);
    const accepted = await member.client.post(`/api/invites/${token}/accept`);
    if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}`);
    return { owner, member, workspaceId };
  }

  /**
   * A socket to instance `index` for `room`, signed in with the person's session cookie (an empty
   * `token=` keeps the test helpers from adding a token of their own).
   */
  socket(index: number, room: string, person: { client: ApiClient }): Promise<RawClient> {
    const url = `${this.instances[index]!.syncUrl}/${room}?acks=1&token=`;
    return RawClient.open(url, { headers: { cookie: person.client.cookie ?? '' } });
  }

  /** y-websocket's own WebSocket class, carrying the person's cookie. */
  static cookieSocket(cookie: string): typeof WebSocket {
    return class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } });
      }
    } as unknown as typeof WebSocket;
  }

  /** Rows stored for a room (updates not yet compacted). */
  async storedUpdates(room: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM room_updates WHERE room = $1',
      [room]
    );
    return Number(rows[0]!.n);
  }
}

/**
 * The text a raw client holds: what it wrote itself (`own`) with every step 2 and update the
 * server sent it applied.
 */
export function textSeenBy(client: RawClient, own?: Y.Doc): string {
  const doc = new Y.Doc();
  if (own) Y.applyUpdate(doc, Y.encodeStateAsUpdate(own));
  for (const frame of client.received) {
    const payload = syncPayload(frame);
    if (payload) Y.applyUpdate(doc, payload);
  }
  const text = doc.getText('body').toString();
  doc.destroy();
  return text;
}

/**
 * Writes `text` at the end of the client's copy (a doc of its own, with its own Yjs client id)
 * and sends the update; resolves once the server says it is stored.
 */
export async function type(client: RawClient, doc: Y.Doc, text: string): Promise<void> {
  const before = Y.encodeStateVector(doc);
  doc.getText('body').insert(doc.getText('body').length, text);
  const savedBefore = client.received.filter((f) => savedCount(f) !== null).length;
  client.send(updateFrame(Y.encodeStateAsUpdate(doc, before)));
  await waitFor(
    () => client.received.filter((f) => savedCount(f) !== null).length > savedBefore,
    `the server acknowledges «${text}»`
  );
}
