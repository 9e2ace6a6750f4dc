import { execFile } from 'node:child_process';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { indexRoots } from '../../../src/lib/shared/model/schema.ts';
import { ApiClient, PASSWORD } from '../accounts/apiServer.ts';
import { PNG_1PX, putBlob, sha256 } from '../files/blobHttp.ts';
import type { Defer } from '../helpers/cleanup.ts';
import { waitFor } from '../helpers/wait.ts';

export type AdminRun = { code: number; stdout: string; stderr: string };

/** `node --import tsx server/admin.ts …`, as `npm run admin -- …` runs it. */
export function admin(args: string[], env: Record<string, string>): Promise<AdminRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/admin.ts', ...args],
      { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    );
  });
}

export const DOC = 'doc-dymka';
export const TEXT = 'Лепим барыню из глины и расписываем её.';
export const TITLE = 'Мастер-класс «Дымковская игрушка»';
export const VERSION_NAME = 'Перед выставкой';
export const PICTURE = PNG_1PX;

/** What a populated installation holds, as the people who made it would look for it again. */
export type Installation = {
  email: string;
  owner: ApiClient;
  workspaceId: string;
  syncToken: string;
  inviteToken: string;
  publicPath: string;
  pictureHash: string;
};

async function clockOf(client: ApiClient, workspaceId: string, doc: string): Promise<number> {
  const res = await client.get(`/api/workspaces/${workspaceId}/changes?since=0&limit=1000`);
  if (res.status !== 200) throw new Error(`changes answered ${res.status}`);
  const room = (res.json.rooms as { doc: string; clock: number }[]).find((r) => r.doc === doc);
  return room?.clock ?? 0;
}

/** A real y-websocket client holding a member's sync token. */
export function openDoc(url: string, workspaceId: string, doc: string, token: string) {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(
    url.replace(/^http/, 'ws') + '/sync',
    `${workspaceId}/${doc}`,
    ydoc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token }
    }
  );
  return {
    doc: ydoc,
    provider,
    destroy: () => {
      provider.destroy();
      ydoc.destroy();
    }
  };
}

/** Changes a room over the relay and returns once its stored clock moved: it is committed. */
export async function write(
  client: ApiClient,
  workspaceId: string,
  doc: string,
  token: string,
  change: (doc: Y.Doc) => void
): Promise<void> {
  const before = await clockOf(client, workspaceId, doc);
  const opened = openDoc(client.baseUrl, workspaceId, doc, token);
  try {
    await waitFor(() => opened.provider.synced, 'the writer is synced');
    change(opened.doc);
    await waitFor(
      async () => (await clockOf(client, workspaceId, doc)) > before,
      'the change is committed'
    );
  } finally {
    opened.destroy();
  }
}

/**
 * Through the server's own API and relay: a person, a workspace, a document with a picture in
 * the index, a named version, a publication with its picture, and an invite link not yet used.
 */
export async function populate(url: string): Promise<Installation> {
  const owner = new ApiClient(url);
  const email = `metodist.${Date.now()}@example.org`;
  const registered = await owner.post('/api/auth/register', {
    email,
    password: PASSWORD,
    displayName: 'Анна Лобанова'
  });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
  const login = await owner.post('/api/auth/login', { email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const created = await owner.post('/api/workspaces', { name: 'Сеть учреждений Белгорода' });
  const workspaceId = created.json.workspace.id as string;
  const syncToken = (await owner.post(`/api/workspaces/${workspaceId}/token`)).json.token as string;
  const invite = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'editor' });
  const inviteToken = invite.json.invite.token as string;

  const pictureHash = sha256(PICTURE);
  const uploaded = await putBlob(owner, workspaceId, PICTURE, 'image/png');
  if (uploaded.status !== 201) throw new Error(`upload answered ${uploaded.status}`);
  await write(owner, workspaceId, 'index', syncToken, (doc) => {
    const entry = new Y.Map<unknown>();
    entry.set('title', TITLE);
    entry.set('type', 'masterClass');
    entry.set('createdAt', Date.now());
    entry.set('updatedAt', Date.now());
    entry.set('deletedAt', null);
    indexRoots.documents(doc).set(DOC, entry);
  });
  await write(owner, workspaceId, DOC, syncToken, (doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(TEXT)]);
    const image = new Y.XmlElement('image');
    image.setAttribute('hash', pictureHash);
    image.setAttribute('alt', 'Дымковская барыня');
    doc.getXmlFragment('content').insert(0, [paragraph, image]);
  });
  const version = await owner.post(`/api/workspaces/${workspaceId}/documents/${DOC}/versions`, {
    name: VERSION_NAME
  });
  if (version.status !== 201) throw new Error(`saving a version answered ${version.status}`);
  const settings = await owner.get(`/api/workspaces/${workspaceId}/publishing`);
  if (settings.status !== 200) throw new Error(`publishing settings answered ${settings.status}`);
  const published = await owner.post(`/api/workspaces/${workspaceId}/publications/${DOC}/publish`);
  if (published.status !== 200) throw new Error(`publish answered ${published.status}`);
  return {
    email,
    owner,
    workspaceId,
    syncToken,
    inviteToken,
    publicPath: published.json.publication.path as string,
    pictureHash
  };
}

/**
 * A server on a moved installation (`moved`: "restored", "copied") serves what `populate` made:
 * the old session is still signed in and the password still works; the old sync token opens the
 * document with its text and picture, and the index (so the signing key moved too). Returns the
 * old session and the open document, for the checks of each way of moving.
 */
export async function expectPeopleAndDocuments(
  url: string,
  made: Installation,
  defer: Defer,
  moved: string
): Promise<{ sameSession: ApiClient; opened: ReturnType<typeof openDoc> }> {
  const sameSession = new ApiClient(url);
  sameSession.cookie = made.owner.cookie;
  const me = await sameSession.get('/api/me');
  expect(me.status).toBe(200);
  expect(me.text).toContain('Анна Лобанова');
  const signIn = await new ApiClient(url).post('/api/auth/login', {
    email: made.email,
    password: PASSWORD
  });
  expect(signIn.status).toBe(200);

  const opened = openDoc(url, made.workspaceId, DOC, made.syncToken);
  defer(opened.destroy);
  await waitFor(() => opened.provider.synced, `the ${moved} document is synced`);
  const content = opened.doc.getXmlFragment('content');
  expect(content.toString()).toContain(TEXT);
  expect((content.get(1) as Y.XmlElement).getAttribute('hash')).toBe(made.pictureHash);
  const index = openDoc(url, made.workspaceId, 'index', made.syncToken);
  defer(index.destroy);
  await waitFor(() => index.provider.synced, `the ${moved} index is synced`);
  expect(JSON.stringify(index.doc.getMap('documents').toJSON())).toContain(TITLE);
  return { sameSession, opened };
}
