import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadConfig } from '../../../server/config.ts';
import { openContentStores } from '../../../server/contentStores.ts';
import { connectPostgres } from '../../../server/db/postgres.ts';
import { createLogger } from '../../../server/log.ts';
import { UzelServer } from '../../../server/UzelServer.ts';
import { indexRoots } from '../../../src/lib/shared/model/schema.ts';
import { ApiClient, PASSWORD } from '../accounts/apiServer.ts';
import type { Defer } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { containsState } from '../helpers/storedDoc.ts';
import { waitFor } from '../helpers/wait.ts';

export type Person = { client: ApiClient; email: string; id: string };

/**
 * A real UzelServer (relay, API, public pages) on 127.0.0.1 with its own data folder. Documents
 * are written the way any client writes them: over the relay with a member's sync token.
 */
export class PublishingServer {
  readonly server: UzelServer;
  readonly url: string;
  #people = 0;

  private constructor(server: UzelServer, url: string) {
    this.server = server;
    this.url = url;
  }

  /**
   * With `databaseUrl`, history, publications, files and the signing key are on that PostgreSQL
   * database (two servers given the same one share them); documents and accounts stay in the
   * server's own folder.
   */
  static async start(
    defer: Defer,
    options: { databaseUrl?: string } = {}
  ): Promise<PublishingServer> {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const config = loadConfig({
      REGISTRATION: 'open',
      DATA_DIR: tmp.dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      SAMPLE_DATA: 'off',
      ROOM_IDLE_MS: '50'
    });
    let content;
    if (options.databaseUrl) {
      const pool = await connectPostgres(options.databaseUrl);
      defer(() => pool.end());
      content = await openContentStores({ kind: 'postgres', pool }, config);
    }
    const server = new UzelServer({ config, log: createLogger('silent'), content });
    const url = await server.listen();
    defer(() => server.close());
    return new PublishingServer(server, url);
  }

  async person(displayName: string): Promise<Person> {
    const client = new ApiClient(this.url);
    const email = `p${++this.#people}.${Date.now()}@example.org`;
    const res = await client.post('/api/auth/register', { email, password: PASSWORD, displayName });
    if (res.status !== 202) throw new Error(`register answered ${res.status}`);
    const login = await client.post('/api/auth/login', { email, password: PASSWORD });
    if (login.status !== 200) throw new Error(`login answered ${login.status}`);
    return { client, email, id: (login.json as { user: { id: string } }).user.id };
  }

  async workspace(name = 'Сеть учреждений Белгорода') {
    const owner = await this.person('Анна Лобанова');
    const res = await owner.client.post('/api/workspaces', { name });
    if (res.status !== 201) throw new Error(`create workspace answered ${res.status}`);
    const workspaceId = (res.json as { workspace: { id: string } }).workspace.id;
    return { owner, workspaceId };
  }

  async member(owner: Person, workspaceId: string, role: 'editor' | 'viewer', name: string) {
    const invite = await owner.client.post(`/api/workspaces/${workspaceId}/invites`, { role });
    const token = (invite.json as { invite: { token: string } }).invite.token;
    const person = await this.person(name);
    const accepted = await person.client.post(`/api/invites/${token}/accept`);
    if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}`);
    return person;
  }

  /**
   * Changes a room through a real y-websocket client holding `as`'s sync token, and returns once
   * the server has committed the change.
   */
  async write(as: Person, workspaceId: string, docId: string, change: (doc: Y.Doc) => void) {
    const tokenRes = await as.client.post(`/api/workspaces/${workspaceId}/token`);
    const token = (tokenRes.json as { token: string }).token;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      this.url.replace('http', 'ws') + '/sync',
      `${workspaceId}/${docId}`,
      doc,
      {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token }
      }
    );
    try {
      await waitFor(() => provider.synced, 'the writer is synced');
      change(doc);
      const state = Y.encodeStateAsUpdate(doc);
      await waitFor(async () => {
        const stored = await this.server.storage.load(`${workspaceId}/${docId}`);
        const copy = new Y.Doc();
        if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot);
        for (const u of stored.updates) Y.applyUpdate(copy, u.data);
        return containsState(copy, state);
      }, 'the change is committed');
    } finally {
      provider.destroy();
      doc.destroy();
    }
  }

  /** Adds or changes a document's entry in the workspace index. */
  async setMeta(
    as: Person,
    workspaceId: string,
    docId: string,
    meta: { title?: string; type?: string; fields?: Record<string, string>; deletedAt?: number }
  ) {
    await this.write(as, workspaceId, 'index', (doc) => {
      const docs = indexRoots.documents(doc);
      doc.transact(() => {
        let entry = docs.get(docId);
        if (!(entry instanceof Y.Map)) {
          entry = new Y.Map<unknown>();
          entry.set('createdAt', Date.now());
          entry.set('deletedAt', null);
          docs.set(docId, entry);
        }
        if (meta.title !== undefined) entry.set('title', meta.title);
        if (meta.type !== undefined) entry.set('type', meta.type);
        if (meta.deletedAt !== undefined) entry.set('deletedAt', meta.deletedAt);
        if (meta.fields) {
          let fields = entry.get('fields');
          if (!(fields instanceof Y.Map)) {
            fields = new Y.Map<unknown>();
            entry.set('fields', fields);
          }
          for (const [k, v] of Object.entries(meta.fields)) (fields as Y.Map<unknown>).set(k, v);
        }
        entry.set('updatedAt', Date.now());
      });
    });
  }

  /** Replaces a document's text with paragraphs (each a string). */
  async setText(as: Person, workspaceId: string, docId: string, paragraphs: string[]) {
    await this.write(as, workspaceId, docId, (doc) => {
      const fragment = doc.getXmlFragment('content');
      doc.transact(() => {
        fragment.delete(0, fragment.length);
        fragment.insert(
          0,
          paragraphs.map((text) => {
            const p = new Y.XmlElement('paragraph');
            p.insert(0, [new Y.XmlText(text)]);
            return p;
          })
        );
      });
    });
  }

  api(person: Person, workspaceId: string) {
    const base = `/api/workspaces/${workspaceId}`;
    return {
      settings: () => person.client.get(`${base}/publishing`),
      updateSettings: (body: unknown) => person.client.patch(`${base}/publishing`, body),
      setPublisher: (userId: string, publisher: boolean) =>
        person.client.patch(`${base}/publishing/publishers/${userId}`, { publisher }),
      status: (docId: string) => person.client.get(`${base}/publications/${docId}`),
      list: () => person.client.get(`${base}/publications`),
      propose: (docId: string) => person.client.post(`${base}/publications/${docId}/propose`),
      publish: (docId: string, licence?: string) =>
        person.client.post(`${base}/publications/${docId}/publish`, licence ? { licence } : {}),
      unpublish: (docId: string) => person.client.post(`${base}/publications/${docId}/unpublish`)
    };
  }

  /** An anonymous GET, as a visitor or a search engine makes it. */
  async fetch(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.url + path, { headers, redirect: 'manual' });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}
