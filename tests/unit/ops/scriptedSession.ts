import * as Y from 'yjs';
import { MSG_SAVED, messageType, syncStep1Frame, updateFrame } from '../helpers/frames.ts';
import { RawClient } from '../helpers/rawClient.ts';

export const SESSION_PASSWORD = 'Сирень-цветёт-в-мае-1987';

/** Every credential the session handled, to look for in logs afterwards. */
export type SessionSecrets = {
  password: string;
  sessionCookie: string;
  syncToken: string;
  feedToken: string;
};

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * What a person and a sync client do on a fresh server: register, sign in again, create a
 * workspace, get a sync token, edit a document over the websocket with `?token=` until it is
 * saved, make a calendar feed link and fetch it.
 */
export async function runScriptedSession(url: string): Promise<SessionSecrets> {
  // As the app sends them: from the server's own origin.
  const fetch = (target: string, init: RequestInit = {}) =>
    globalThis.fetch(target, {
      ...init,
      headers: { origin: url, 'content-type': 'application/json', ...init.headers }
    });
  const email = 'metodist@dom-tvorchestva.example';
  await json(
    await fetch(`${url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: SESSION_PASSWORD, displayName: 'Анна Петровна' })
    })
  );
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: SESSION_PASSWORD })
  });
  await json(login);
  const setCookie = login.headers.get('set-cookie') ?? '';
  const sessionCookie = /uzel_session=([^;]+)/.exec(setCookie)?.[1];
  if (!sessionCookie) throw new Error(`no session cookie in ${setCookie}`);
  const cookie = { cookie: `uzel_session=${sessionCookie}` };

  const created = await json(
    await fetch(`${url}/api/workspaces`, {
      method: 'POST',
      headers: { ...cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Сеть учреждений города' })
    })
  );
  const workspaceId = (created.workspace as { id: string }).id;
  const token = await json(
    await fetch(`${url}/api/workspaces/${workspaceId}/token`, { method: 'POST', headers: cookie })
  );
  const syncToken = token.token as string;

  const ws = await RawClient.open(
    `${url.replace(/^http/, 'ws')}/sync/${workspaceId}/plan-2026?token=${syncToken}&acks=1`
  );
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'План мастер-классов на весну');
  ws.send(syncStep1Frame(new Uint8Array([0])));
  ws.send(updateFrame(Y.encodeStateAsUpdate(doc)));
  await ws.next((f) => messageType(f) === MSG_SAVED, 'the edit is acknowledged as saved');
  // A normal close (1000), as a tab that closes the document sends it.
  await new Promise<void>((resolve) => {
    ws.ws.once('close', () => resolve());
    ws.ws.close(1000);
  });

  const feed = await json(
    await fetch(`${url}/api/workspaces/${workspaceId}/calendar-feed`, {
      method: 'POST',
      headers: cookie
    })
  );
  const feedPath = (feed.feed as { path: string }).path;
  const ics = await fetch(`${url}${feedPath}`);
  if (ics.status !== 200) throw new Error(`calendar feed answered ${ics.status}`);
  await ics.text();
  // A second, wrong sign-in: the refused password must not be written down either.
  await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: `${SESSION_PASSWORD}-неверный` })
  });
  return {
    password: SESSION_PASSWORD,
    sessionCookie,
    syncToken,
    feedToken: feedPath.split('/').pop()!
  };
}
