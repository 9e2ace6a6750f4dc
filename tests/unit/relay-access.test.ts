import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { Accounts } from '../../server/accounts/Accounts.ts';
import { hashToken } from '../../server/accounts/secrets.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { UzelServer } from '../../server/UzelServer.ts';
import { deferCleanup } from './helpers/cleanup.ts';
import { tokenFor } from './helpers/credentials.ts';
import { DocClient } from './helpers/docClient.ts';
import {
  messageType,
  syncPayload,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame
} from './helpers/frames.ts';
import { RawClient } from './helpers/rawClient.ts';
import { makeTempDir, TestRelay } from './helpers/relay.ts';
import { StoreReader } from './helpers/storedDoc.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-access/plan';
const MSG_AUTH = 2;

function insertUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('the relay admits only members, in their role', () => {
  const defer = deferCleanup();
  let relay: TestRelay;
  let dataDir: string;

  beforeEach(async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    dataDir = tmp.dir;
    relay = await TestRelay.start(dataDir, {
      MESSAGES_PER_SECOND: '50',
      MAX_CONNECTIONS_PER_USER: '3'
    });
    defer(() => relay.close());
  });

  const open = async (query: string) => {
    const c = await RawClient.open(`${relay.syncUrl}/${ROOM}${query}`);
    defer(() => c.terminate());
    return c;
  };

  it('RA1 no token, an empty token or a forged signature closes with 4401 before any document byte', async () => {
    const good = tokenFor(ROOM)!;
    const [head, payload] = good.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        role: 'owner'
      })
    ).toString('base64url');
    for (const query of [
      '?token=',
      '?token=garbage',
      `?token=${head}.${forgedPayload}.${good.split('.')[2]}`
    ]) {
      const c = await open(query);
      expect(await c.closed()).toEqual({ code: 4401, reason: 'unauthorised' });
      expect(c.received).toEqual([]);
    }
  });

  it('RA2 an expired token closes with 4401', async () => {
    tokenFor(ROOM); // creates the workspace and the member
    const past = Accounts.fromConfig(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      now: () => Date.now() - 3 * 60 * 60 * 1000
    });
    defer(() => past.close());
    const member = await past.ensureServiceMember(
      'ws-access',
      'Тестовый клиент (editor)',
      'editor'
    );
    const expired = (await past.access.issueSyncToken(member.id, 'ws-access'))!.token;
    const c = await open(`?token=${encodeURIComponent(expired)}`);
    expect((await c.closed()).code).toBe(4401);
  });

  it('RA3 a token of another workspace and an unknown workspace answer alike: 4403', async () => {
    const other = tokenFor('ws-other/doc')!;
    const c = await open(`?token=${encodeURIComponent(other)}`);
    expect(await c.closed()).toEqual({ code: 4403, reason: 'forbidden' });
    const unknown = await RawClient.open(
      `${relay.syncUrl}/no-such-ws/doc?token=${encodeURIComponent(other)}`
    );
    defer(() => unknown.terminate());
    expect(await unknown.closed()).toEqual({ code: 4403, reason: 'forbidden' });
  });

  it('RA4 a session cookie admits a signed-in member; the token allowed case syncs', async () => {
    const res = await fetch(`${relay.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: relay.url },
      body: JSON.stringify({
        email: 'metodist@example.org',
        password: 'пароль-надёжный',
        displayName: 'Методист'
      })
    });
    expect(res.status).toBe(202);
    const signedIn = await fetch(`${relay.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: relay.url },
      body: JSON.stringify({ email: 'metodist@example.org', password: 'пароль-надёжный' })
    });
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${relay.url}/api/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: relay.url, cookie },
      body: JSON.stringify({ name: 'Сеть' })
    });
    const { workspace } = (await created.json()) as { workspace: { id: string } };
    const member = await RawClient.open(`${relay.syncUrl}/${workspace.id}/doc?token=`, {
      headers: { cookie }
    });
    defer(() => member.terminate());
    // Cookie wins over an empty token: the first message is the relay's sync step 1.
    await member.next((f) => messageType(f) === 0, 'sync step 1 from the relay');
    const stranger = await RawClient.open(`${relay.syncUrl}/${workspace.id}/doc?token=`);
    defer(() => stranger.terminate());
    expect((await stranger.closed()).code).toBe(4401);
  });

  it('RA5 a viewer’s update and sync step 2 are dropped, it is told why, and nothing is stored', async () => {
    const editor = new DocClient(relay.syncUrl, ROOM);
    defer(() => editor.destroy());
    await waitFor(() => editor.synced, 'the editor is synced');
    const viewerToken = tokenFor(ROOM, 'viewer')!;
    const viewer = await open(`?token=${encodeURIComponent(viewerToken)}`);
    await viewer.next((f) => messageType(f) === 0, 'the viewer receives the document');
    viewer.send(updateFrame(insertUpdate('правка читателя')));
    viewer.send(syncStep2Frame(insertUpdate('ещё правка читателя')));
    await viewer.next((f) => messageType(f) === MSG_AUTH, 'a permission-denied message');

    // The editor's own change passes, the viewer's never arrive.
    editor.text.insert(0, 'правка редактора');
    const seen = await viewer.next(
      (f) => syncPayload(f) !== null && f.length > 10,
      'the editor’s update'
    );
    expect(seen).toBeDefined();
    await relay.server.registry.flush();
    const reader = new StoreReader(relay.dbFile);
    defer(() => reader.close());
    expect(reader.doc(ROOM).getText('body').toString()).toBe('правка редактора');
    expect(editor.content).toBe('правка редактора');
  });

  it('RA6 a role downgrade closes the live connection (4100); it comes back as a viewer', async () => {
    const accounts = relay.server.accounts;
    const token = tokenFor(ROOM, 'editor', 'Педагог')!;
    const principal = (await accounts.access.authenticate({ cookieHeader: undefined, token }))!;
    const c = await open(`?token=${encodeURIComponent(token)}`);
    await c.next((f) => messageType(f) === 0, 'admitted');
    // The owner is needed to change roles: create one and make the change as them.
    const owner = await accounts.register({
      email: 'owner@example.org',
      password: 'пароль-владельца',
      displayName: 'Владелец'
    });
    const db = (await import('better-sqlite3')).default;
    const raw = new db(`${dataDir}/accounts.sqlite`);
    raw
      .prepare(
        'INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)'
      )
      .run('ws-access', owner.id, 'owner', Date.now());
    raw.close();
    await accounts.changeRole(owner.id, 'ws-access', principal.userId, 'viewer');
    expect(await c.closed()).toEqual({ code: 4100, reason: 'role changed, reconnect' });

    // Reconnecting with the same token now gets the viewer's treatment.
    const again = await open(`?token=${encodeURIComponent(token)}`);
    await again.next((f) => messageType(f) === 0, 'admitted again');
    again.send(updateFrame(insertUpdate('после понижения')));
    await again.next((f) => messageType(f) === MSG_AUTH, 'told it is read-only now');

    await accounts.removeMember(owner.id, 'ws-access', principal.userId);
    expect(await again.closed()).toEqual({ code: 4403, reason: 'access revoked' });
  });

  it('RA7 a flood closes that connection with 4529; others are unaffected', async () => {
    const calm = new DocClient(relay.syncUrl, ROOM);
    defer(() => calm.destroy());
    await waitFor(() => calm.synced, 'the calm client is synced');
    const flooder = await open('');
    const frame = updateFrame(new Uint8Array([0, 0]));
    for (let i = 0; i < 500; i++) flooder.send(frame);
    expect(await flooder.closed()).toEqual({ code: 4529, reason: 'rate limited' });
    const other = new DocClient(relay.syncUrl, ROOM);
    defer(() => other.destroy());
    calm.text.insert(0, 'работаем дальше');
    await waitFor(() => other.content === 'работаем дальше', 'the calm client still syncs');
  });

  it('RA8 connections per person are bounded (4530)', async () => {
    const token = encodeURIComponent(tokenFor(ROOM, 'editor', 'Много вкладок')!);
    const tabs = [];
    for (let i = 0; i < 3; i++) {
      const tab = await open(`?token=${token}`);
      await tab.next((f) => messageType(f) === 0, `tab ${i} admitted`);
      tabs.push(tab);
    }
    const oneTooMany = await open(`?token=${token}`);
    expect(await oneTooMany.closed()).toEqual({ code: 4530, reason: 'too many connections' });
    await tabs[0]!.close();
    await waitFor(() => relay.server.relay.connectionCount <= 3, 'the first tab is gone');
    const again = await open(`?token=${token}`);
    await again.next((f) => messageType(f) === 0, 'room again after a tab closed');
  });

  it('RA9 signing out ends that session’s connections (4401); another session of the same person stays', async () => {
    const post = (path: string, body: unknown, cookie?: string) =>
      fetch(`${relay.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: relay.url,
          ...(cookie ? { cookie } : {})
        },
        body: JSON.stringify(body)
      });
    const credentials = { email: 'pedagog@example.org', password: 'пароль-надёжный' };
    expect(
      (await post('/api/auth/register', { ...credentials, displayName: 'Педагог' })).status
    ).toBe(202);
    const tablet = (await post('/api/auth/login', credentials)).headers
      .get('set-cookie')!
      .split(';')[0]!;
    const laptop = (await post('/api/auth/login', credentials)).headers
      .get('set-cookie')!
      .split(';')[0]!;
    const created = await post('/api/workspaces', { name: 'Сеть' }, tablet);
    const { workspace } = (await created.json()) as { workspace: { id: string } };

    const onTablet = await RawClient.open(`${relay.syncUrl}/${workspace.id}/doc?token=`, {
      headers: { cookie: tablet }
    });
    const onLaptop = await RawClient.open(`${relay.syncUrl}/${workspace.id}/doc?token=`, {
      headers: { cookie: laptop }
    });
    defer(() => onTablet.terminate());
    defer(() => onLaptop.terminate());
    await onTablet.next((f) => messageType(f) === 0, 'the tablet is admitted');
    await onLaptop.next((f) => messageType(f) === 0, 'the laptop is admitted');

    expect((await post('/api/auth/logout', {}, tablet)).status).toBe(204);
    expect(await onTablet.closed()).toEqual({ code: 4401, reason: 'unauthorised' });
    // The laptop's session is another one: it keeps its connection and gets answers.
    const from = onLaptop.received.length;
    onLaptop.send(syncStep1Frame(new Uint8Array([0])));
    await onLaptop.next((f) => messageType(f) === 0, 'the laptop still gets answers', from);
    expect(onLaptop.closedWith).toBeNull();
  });
});

describe('a session’s connections end with the session', () => {
  const defer = deferCleanup();

  it('RA10 a cookie-admitted connection closes with 4401 when its session expires; a session extended meanwhile stays', async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const config = loadConfig({
      DATA_DIR: tmp.dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      REGISTRATION: 'open'
    });
    // Sessions of three seconds, so expiry happens within the test.
    const accounts = new Accounts({ dataDir: tmp.dir, sessionTtlMs: 3000, syncTokenTtlMs: 60_000 });
    const server = new UzelServer({ config, log: createLogger('silent'), accounts });
    const url = await server.listen();
    defer(() => server.close());
    const post = (path: string, body: unknown, cookie?: string) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: url,
          ...(cookie ? { cookie } : {})
        },
        body: JSON.stringify(body)
      });
    const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
    const credentials = { email: 'pedagog@example.org', password: 'пароль-надёжный' };
    // The session that stays is the older one: its first expiry check comes before the other's.
    await post('/api/auth/register', { ...credentials, displayName: 'Педагог' });
    const staying = cookieOf(await post('/api/auth/login', credentials));
    const created = await post('/api/workspaces', { name: 'Сеть' }, staying);
    const { workspace } = (await created.json()) as { workspace: { id: string } };
    const expiring = cookieOf(await post('/api/auth/login', credentials));

    const syncUrl = `${url.replace(/^http/, 'ws')}/sync/${workspace.id}/doc?token=`;
    const kept = await RawClient.open(syncUrl, { headers: { cookie: staying } });
    defer(() => kept.terminate());
    await kept.next((f) => messageType(f) === 0, 'the older session is admitted');
    const ending = await RawClient.open(syncUrl, { headers: { cookie: expiring } });
    defer(() => ending.terminate());
    await ending.next((f) => messageType(f) === 0, 'the newer session is admitted');

    // The app's requests extend the older session while its socket is open.
    const db = new Database(`${tmp.dir}/accounts.sqlite`);
    db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(
      Date.now() + 10 * 60_000,
      hashToken(staying.split('=')[1]!)
    );
    db.close();

    expect(await ending.closed('the expired session’s socket is closed')).toEqual({
      code: 4401,
      reason: 'unauthorised'
    });
    const from = kept.received.length;
    kept.send(syncStep1Frame(new Uint8Array([0])));
    await kept.next((f) => messageType(f) === 0, 'the extended session still gets answers', from);
    expect(kept.closedWith).toBeNull();
  });
});
