import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/accounts/secrets.ts';
import { Mailer } from '../../../server/mail/Mailer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { messageType } from '../helpers/frames.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { startSmtpInbox } from '../helpers/smtpInbox.ts';
import { ApiServer, PASSWORD, type ApiClient } from './apiServer.ts';

const HOUR = 3_600_000;
const NEW_PASSWORD = 'Новый-пароль-для-кружка-2027';

/** A websocket to a workspace's document, signed in with this client's session cookie. */
async function connect(api: ApiServer, client: ApiClient, workspaceId: string) {
  const url = `${api.url.replace(/^http/, 'ws')}/sync/${workspaceId}/doc-1?token=`;
  const socket = await RawClient.open(url, { headers: { cookie: client.cookie! } });
  await socket.next((f) => messageType(f) === 0, 'the connection is admitted');
  return socket;
}

/** The same person signed in on another device. */
async function secondDevice(api: ApiServer, email: string, password = PASSWORD) {
  const other = api.client();
  const res = await other.post('/api/auth/login', { email, password });
  expect(res.status).toBe(200);
  return other;
}

function tokenOf(path: string): string {
  return new URL(path, 'http://x').searchParams.get('token')!;
}

function admin(dataDir: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('accounts people can recover', () => {
  const defer = deferCleanup();

  it('AC24 a password change needs the current password and a strong new one, and signs out the other sessions and their connections', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const tablet = await secondDevice(api, owner.email);
    const onTablet = await connect(api, tablet, workspaceId);
    defer(() => onTablet.terminate());
    const onLaptop = await connect(api, owner.client, workspaceId);
    defer(() => onLaptop.terminate());

    const wrong = await owner.client.post('/api/me/password', {
      currentPassword: 'не тот пароль',
      newPassword: NEW_PASSWORD
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error).toBe('wrong_password');
    const weak = await owner.client.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: '12345678'
    });
    expect([weak.status, weak.json.error]).toEqual([400, 'password_common']);
    expect((await tablet.get('/api/me')).status).toBe(200);

    const changed = await owner.client.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD
    });
    expect(changed.status).toBe(204);
    // The tablet's session and its open connection end; the laptop that changed it stays.
    expect(await onTablet.closed()).toEqual({ code: 4401, reason: 'unauthorised' });
    expect((await tablet.get('/api/me')).status).toBe(401);
    expect((await owner.client.get('/api/me')).status).toBe(200);
    expect(onLaptop.closedWith).toBeNull();
    const login = (password: string) =>
      api.client().post('/api/auth/login', { email: owner.email, password });
    expect((await login(PASSWORD)).status).toBe(401);
    expect((await login(NEW_PASSWORD)).status).toBe(200);
  });

  it('AC25 an owner makes a one-time reset link for a member: stored hashed, it works once, expires, and signs out every session', async () => {
    const api = await ApiServer.start(defer, { env: { RESET_LINK_TTL_HOURS: '2' } });
    const { owner, workspaceId } = await api.workspace();
    const member = await api.member(owner.client, workspaceId, 'editor', 'Ирина Соколова');
    const onMemberDevice = await connect(api, member.client, workspaceId);
    defer(() => onMemberDevice.terminate());

    const byMember = await member.client.post(
      `/api/workspaces/${workspaceId}/members/${owner.id}/reset-link`
    );
    expect(byMember.status).toBe(403);
    const made = await owner.client.post(
      `/api/workspaces/${workspaceId}/members/${member.id}/reset-link`
    );
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      mailed: false,
      path: expect.stringMatching(/^\/reset\?token=/)
    });
    const token = tokenOf(made.json.path);
    // Only the hash is kept.
    const db = new Database(api.accountsFile, { readonly: true });
    defer(() => db.close());
    const rows = db.prepare('SELECT token_hash FROM password_resets').all() as {
      token_hash: string;
    }[];
    expect(rows.map((r) => r.token_hash)).toEqual([hashToken(token)]);

    const page = api.client();
    expect((await page.get(`/api/password-resets/${token}`)).json).toEqual({ status: 'valid' });
    const weak = await page.post(`/api/password-resets/${token}`, { password: 'password' });
    expect([weak.status, weak.json.error]).toEqual([400, 'password_common']);
    expect(
      (await page.post(`/api/password-resets/${token}`, { password: NEW_PASSWORD })).status
    ).toBe(204);
    expect(await onMemberDevice.closed()).toEqual({ code: 4401, reason: 'unauthorised' });
    expect((await member.client.get('/api/me')).status).toBe(401);
    const signIn = (password: string) =>
      api.client().post('/api/auth/login', { email: member.email, password });
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(PASSWORD)).status).toBe(401);

    const again = await page.post(`/api/password-resets/${token}`, {
      password: 'Третий-пароль-99'
    });
    expect([again.status, again.json.error]).toEqual([410, 'used_up']);
    expect((await page.get(`/api/password-resets/${token}`)).json).toEqual({ status: 'used' });

    const late = await owner.client.post(
      `/api/workspaces/${workspaceId}/members/${member.id}/reset-link`
    );
    api.clock.advance(2 * HOUR + 1);
    const expired = await page.post(`/api/password-resets/${tokenOf(late.json.path)}`, {
      password: 'Третий-пароль-99'
    });
    expect([expired.status, expired.json.error]).toEqual([410, 'expired']);
    expect((await page.get('/api/password-resets/no-such-link')).status).toBe(404);
  });

  it('AC26 with SMTP_URL the link goes to the member by e-mail, not to the owner; the admin command prints one and e-mails it too', async () => {
    const inbox = await startSmtpInbox(defer);
    const mailer = new Mailer(inbox.url, 'Узел <uzel@example.org>');
    defer(() => mailer.close());
    const api = await ApiServer.start(defer, {
      mailer,
      env: { ORIGIN: 'https://uzel.example.org' }
    });
    const { owner, workspaceId } = await api.workspace();
    const member = await api.member(owner.client, workspaceId, 'viewer', 'Олег Петров');

    const made = await owner.client.post(
      `/api/workspaces/${workspaceId}/members/${member.id}/reset-link`
    );
    expect(made.status).toBe(201);
    expect(made.json).toEqual({ mailed: true, expiresAt: expect.any(Number) });
    expect(inbox.mails).toHaveLength(1);
    const mail = inbox.mails[0]!;
    expect(mail.to).toEqual([member.email]);
    expect(mail.subject).toContain('пароля');
    const link = /https:\/\/uzel\.example\.org\/reset\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link, mail.text).not.toBeNull();
    const reset = await api
      .client()
      .post(`/api/password-resets/${link![1]}`, { password: NEW_PASSWORD });
    expect(reset.status).toBe(204);

    const printed = await admin(api.dataDir, ['reset-password', owner.email], {
      SMTP_URL: inbox.url,
      ORIGIN: 'https://uzel.example.org'
    });
    expect(printed.code, printed.stderr).toBe(0);
    const url = printed.stdout.trim().split('\n').at(-1)!;
    expect(url).toMatch(/^https:\/\/uzel\.example\.org\/reset\?token=/);
    expect(inbox.mails.at(-1)!.to).toEqual([owner.email]);
    expect(inbox.mails.at(-1)!.text).toContain(url);
    expect(
      (await api.client().post(`/api/password-resets/${tokenOf(url)}`, { password: NEW_PASSWORD }))
        .status
    ).toBe(204);
    expect((await owner.client.get('/api/me')).status).toBe(401);

    const unknown = await admin(api.dataDir, ['reset-password', 'nobody@example.org']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Nobody is registered with this e-mail');
  }, 60_000);

  it('AC27 by default the first person registers freely and later ones only with an invite; invite-only, domain lists and open; registrations per address are limited', async () => {
    const api = await ApiServer.start(defer, { env: { REGISTRATION: '' } });
    const register = (email: string, extra: Record<string, string> = {}) =>
      api.client().post('/api/auth/register', {
        email,
        password: PASSWORD,
        displayName: 'Педагог',
        ...extra
      });
    expect((await register('first@example.org')).status).toBe(202);
    const owner = api.client();
    await owner.post('/api/auth/login', { email: 'first@example.org', password: PASSWORD });
    const ws = (await owner.post('/api/workspaces', { name: 'Сеть' })).json.workspace.id as string;
    const refused = await register('second@example.org');
    expect([refused.status, refused.json.error]).toEqual([403, 'registration_closed']);
    // A known e-mail is refused the same way: the rule does not look at who has an account.
    const known = await register('first@example.org');
    expect([known.status, known.json]).toEqual([refused.status, refused.json]);

    const invite = await owner.post(`/api/workspaces/${ws}/invites`, { role: 'editor' });
    const inviteToken = invite.json.invite.token as string;
    expect((await register('second@example.org', { inviteToken })).status).toBe(202);
    const second = api.client();
    await second.post('/api/auth/login', { email: 'second@example.org', password: PASSWORD });
    expect((await second.get('/api/me')).json.workspaces).toEqual([
      { id: ws, name: 'Сеть', role: 'editor' }
    ]);
    expect((await register('third@example.org', { inviteToken: 'no-such-invite' })).status).toBe(
      404
    );

    const domains = await ApiServer.start(defer, {
      env: { REGISTRATION: 'dk-yunost.example, @Lib.Example' }
    });
    const at = (email: string) =>
      domains.client().post('/api/auth/register', { email, password: PASSWORD, displayName: 'П' });
    expect((await at('irina@dk-yunost.example')).status).toBe(202);
    expect((await at('oleg@lib.example')).status).toBe(202);
    expect((await at('boris@example.org')).status).toBe(403);

    const inviteOnly = await ApiServer.start(defer, { env: { REGISTRATION: 'invite-only' } });
    const alone = await inviteOnly
      .client()
      .post('/api/auth/register', { email: 'a@example.org', password: PASSWORD, displayName: 'А' });
    expect(alone.status).toBe(403);

    const open = await ApiServer.start(defer, {
      env: { REGISTRATION: 'open', REGISTRATIONS_PER_ADDRESS_PER_HOUR: '3' }
    });
    const answers = [];
    for (let i = 0; i < 4; i++) {
      answers.push(
        (
          await open.client().post('/api/auth/register', {
            email: `p${i}@example.org`,
            password: PASSWORD,
            displayName: 'П'
          })
        ).status
      );
    }
    expect(answers).toEqual([202, 202, 202, 429]);
  }, 60_000);

  it('AC28 100 concurrent guesses for one e-mail: only the allowance reaches the password check; the owner on a known device still signs in', async () => {
    const api = await ApiServer.start(defer);
    const { email, client: ownDevice } = await api.person();
    expect(ownDevice.deviceCookie).toMatch(/^uzel_device=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    await ownDevice.post('/api/auth/logout');
    const other = await api.person('Борис');

    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api.client().post('/api/auth/login', { email, password: `guess-${i}-пароль` })
      )
    );
    const statuses = guesses.map((g) => g.status);
    // Counted before hashing: 10 are checked (401), the other 90 refused at once (429).
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(90);
    // A stranger with the right password is held back too...
    const stranger = await api.client().post('/api/auth/login', { email, password: PASSWORD });
    expect(stranger.status).toBe(429);
    // ...but the device that signed in before keeps its own allowance.
    const back = await ownDevice.post('/api/auth/login', { email, password: PASSWORD });
    expect(back.status).toBe(200);
    // A device cookie vouches for its own account only.
    const borrowed = api.client();
    borrowed.deviceCookie = other.client.deviceCookie;
    expect((await borrowed.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(
      429
    );

    // Delays grow: after the first window, the next allows twice as many over four times as long.
    api.clock.advance(15 * 60_000 + 1);
    const after = await api
      .client()
      .post('/api/auth/login', { email, password: 'ещё-одна-догадка' });
    expect(after.status).toBe(429);
    expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(15 * 60);
  }, 60_000);

  it('AC29 deletion by the person (with the password) or by the owner removes name, e-mail, sessions and calendar links, and closes connections', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const member = await api.member(owner.client, workspaceId, 'editor', 'Дарья Уходящая');
    const socket = await connect(api, member.client, workspaceId);
    defer(() => socket.terminate());
    const feed = await member.client.post(`/api/workspaces/${workspaceId}/calendar-feed`);

    const wrong = await member.client.request('DELETE', '/api/me', { password: 'не тот' });
    expect([wrong.status, wrong.json.error]).toEqual([403, 'wrong_password']);
    const gone = await member.client.request('DELETE', '/api/me', { password: PASSWORD });
    expect(gone.status).toBe(204);
    expect(await socket.closed()).toEqual({ code: 4401, reason: 'unauthorised' });
    expect((await member.client.get('/api/me')).status).toBe(401);
    expect(
      (await api.client().post('/api/auth/login', { email: member.email, password: PASSWORD }))
        .status
    ).toBe(401);
    const members = (await owner.client.get(`/api/workspaces/${workspaceId}/members`)).json.members;
    expect(members.map((m: { userId: string }) => m.userId)).toEqual([owner.id]);
    if (feed.status === 201) {
      expect((await api.client().get(feed.json.feed.path)).status).toBe(404);
    }
    const db = new Database(api.accountsFile, { readonly: true });
    defer(() => db.close());
    const dump = JSON.stringify(db.prepare('SELECT * FROM users').all());
    expect(dump).not.toContain('Дарья');
    expect(dump).not.toContain(member.email);
    expect(db.prepare('SELECT id FROM deleted_users').all()).toEqual([{ id: member.id }]);

    const viewer = await api.member(owner.client, workspaceId, 'viewer', 'Олег Петров');
    const byViewer = await viewer.client.delete(
      `/api/workspaces/${workspaceId}/members/${owner.id}/account`
    );
    expect(byViewer.status).toBe(403);
    const byOwner = await owner.client.delete(
      `/api/workspaces/${workspaceId}/members/${viewer.id}/account`
    );
    expect(byOwner.status).toBe(204);
    expect((await viewer.client.get('/api/me')).status).toBe(401);
  });
});
