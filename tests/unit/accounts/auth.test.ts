import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/accounts/secrets.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { ApiServer, PASSWORD, TestClock } from './apiServer.ts';

const HOUR = 3_600_000;

describe('registration, sign-in and sessions', () => {
  const defer = deferCleanup();

  it('AC1 register, then sign in; me, logout and login round trip; logout ends the session on the server', async () => {
    const api = await ApiServer.start(defer);
    const client = api.client();
    const answered = await client.post('/api/auth/register', {
      email: '  Anna.Lobanova@Example.ORG ',
      password: PASSWORD,
      displayName: 'Анна Лобанова'
    });
    expect(answered.status).toBe(202);
    expect(answered.setCookies).toEqual([]);
    const registered = await client.post('/api/auth/login', {
      email: 'anna.lobanova@example.org',
      password: PASSWORD
    });
    expect(registered.status).toBe(200);
    expect(registered.json.user).toMatchObject({
      email: 'anna.lobanova@example.org',
      displayName: 'Анна Лобанова',
      institution: '',
      kind: 'person'
    });
    expect(registered.json.user.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ user: registered.json.user, workspaces: [] });

    const stolen = client.cookie;
    const out = await client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.setCookies[0]).toMatch(/^uzel_session=; .*Max-Age=0/);
    expect((await client.get('/api/me')).status).toBe(401);
    // The old cookie, replayed, is worth nothing: the session is gone, not just forgotten.
    const replay = api.client();
    replay.cookie = stolen;
    const refused = await replay.get('/api/me');
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ error: 'unauthorised', message: expect.any(String) });

    const login = await client.post('/api/auth/login', {
      email: 'ANNA.lobanova@example.org',
      password: PASSWORD
    });
    expect(login.status).toBe(200);
    expect(login.json.user.id).toBe(registered.json.user.id);
    expect((await client.get('/api/me')).json.user.displayName).toBe('Анна Лобанова');
  });

  it('AC1 PATCH /api/me changes the display name and the institution, validated', async () => {
    const api = await ApiServer.start(defer);
    const { client } = await api.person();
    const changed = await client.patch('/api/me', {
      displayName: ' Анна Сергеевна ',
      institution: 'Центр детского творчества «Радуга»'
    });
    expect(changed.status).toBe(200);
    expect(changed.json.user).toMatchObject({
      displayName: 'Анна Сергеевна',
      institution: 'Центр детского творчества «Радуга»'
    });
    expect((await client.patch('/api/me', { institution: '' })).json.user).toMatchObject({
      displayName: 'Анна Сергеевна',
      institution: ''
    });
    const bad = await client.patch('/api/me', { displayName: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('"displayName"');
    expect((await api.client().patch('/api/me', { institution: 'x' })).status).toBe(401);
  });

  it('AC1 registration takes an optional institution, validated like the profile’s', async () => {
    const api = await ApiServer.start(defer);
    const client = api.client();
    const registered = await client.post('/api/auth/register', {
      email: 'olga@example.org',
      password: PASSWORD,
      displayName: 'Ольга Юрченко',
      institution: ' МБУДО «Юность» '
    });
    expect(registered.status).toBe(202);
    const signedIn = await client.post('/api/auth/login', {
      email: 'olga@example.org',
      password: PASSWORD
    });
    expect(signedIn.json.user.institution).toBe('МБУДО «Юность»');
    expect((await client.get('/api/me')).json.user.institution).toBe('МБУДО «Юность»');
    const tooLong = await api.client().post('/api/auth/register', {
      email: 'boris@example.org',
      password: PASSWORD,
      displayName: 'Борис',
      institution: 'я'.repeat(201)
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.message).toContain('institution');
  });

  it('AC2 an e-mail registers once, whatever its letter case; a known e-mail gets the same answer as a new one', async () => {
    const api = await ApiServer.start(defer);
    const body = { email: 'boris@example.org', password: PASSWORD, displayName: 'Борис' };
    const first = await api.client().post('/api/auth/register', body);
    const again = await api.client().post('/api/auth/register', {
      ...body,
      email: 'Boris@EXAMPLE.org',
      password: 'Другой-пароль-42'
    });
    // Nothing in the answer says the address had an account: not the status, body nor cookies.
    for (const res of [first, again]) {
      expect(res.status).toBe(202);
      expect(res.setCookies).toEqual([]);
    }
    expect(again.json).toEqual(first.json);
    // The account is the first one: the second password does not sign in.
    const second = await api
      .client()
      .post('/api/auth/login', { email: body.email, password: 'Другой-пароль-42' });
    expect(second.status).toBe(401);
    expect(
      (await api.client().post('/api/auth/login', { email: body.email, password: PASSWORD })).status
    ).toBe(200);
  });

  it('AC3 unknown e-mail and wrong password get the same answer', async () => {
    const api = await ApiServer.start(defer);
    const { email } = await api.person();
    const wrong = await api.client().post('/api/auth/login', { email, password: 'не тот пароль' });
    const unknown = await api
      .client()
      .post('/api/auth/login', { email: 'nobody@example.org', password: PASSWORD });
    const malformed = await api
      .client()
      .post('/api/auth/login', { email: 'not an e-mail', password: PASSWORD });
    for (const res of [wrong, unknown, malformed]) {
      expect(res.status).toBe(401);
      expect(res.setCookies).toEqual([]);
    }
    expect(unknown.json).toEqual(wrong.json);
    expect(malformed.json).toEqual(wrong.json);
    expect(wrong.json).toEqual({ error: 'bad_credentials', message: 'Wrong e-mail or password.' });
  });

  it('AC4 failed sign-ins are limited per e-mail (10 per 15 minutes), also for the right password', async () => {
    const clock = new TestClock();
    const api = await ApiServer.start(defer, { clock });
    const { email } = await api.person();
    const other = await api.person('Борис');
    for (let i = 0; i < 10; i++) {
      const res = await api
        .client()
        .post('/api/auth/login', { email, password: `wrong-${i}-pass` });
      expect(res.status).toBe(401);
    }
    const limited = await api.client().post('/api/auth/login', { email, password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.json.error).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not locked out by someone else's failures.
    const otherLogin = await api
      .client()
      .post('/api/auth/login', { email: other.email, password: PASSWORD });
    expect(otherLogin.status).toBe(200);

    clock.advance(15 * 60_000 + 1);
    expect((await api.client().post('/api/auth/login', { email, password: PASSWORD })).status).toBe(
      200
    );
  });

  it('AC4 failed sign-ins are limited per address across e-mails', async () => {
    const api = await ApiServer.start(defer, {
      loginLimit: { perEmail: 100, perAddress: 3, windowMs: 60_000 }
    });
    const { email } = await api.person();
    for (let i = 0; i < 3; i++) {
      const res = await api
        .client()
        .post('/api/auth/login', { email: `guess${i}@example.org`, password: PASSWORD });
      expect(res.status).toBe(401);
    }
    const limited = await api.client().post('/api/auth/login', { email, password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.json.error).toBe('rate_limited');
  });

  it('AC5 the session cookie is HttpOnly, SameSite=Lax, Path=/, and Secure behind https', async () => {
    const api = await ApiServer.start(defer);
    await api
      .client()
      .post('/api/auth/register', { email: 'a@example.org', password: PASSWORD, displayName: 'А' });
    const plain = await api
      .client()
      .post('/api/auth/login', { email: 'a@example.org', password: PASSWORD });
    const cookie = plain.setCookies[0]!;
    expect(cookie).toMatch(/^uzel_session=[A-Za-z0-9_-]{43}; /);
    const attributes = cookie.split('; ').slice(1);
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${720 * 3600}`])
    );
    expect(attributes).not.toContain('Secure');

    const proxied = await api
      .client()
      .post(
        '/api/auth/login',
        { email: 'a@example.org', password: PASSWORD },
        { headers: { 'x-forwarded-proto': 'https' } }
      );
    expect(proxied.setCookies[0]!.split('; ')).toEqual(
      expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/'])
    );
  });

  it('AC5 only a SHA-256 hash of the session token is stored', async () => {
    const api = await ApiServer.start(defer);
    const { client } = await api.person();
    const token = client.cookie!.split('=')[1]!;
    const db = new Database(api.accountsFile, { readonly: true });
    defer(() => db.close());
    const rows = db.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('AC5 a session unused for SESSION_TTL_HOURS expires; one in use slides forward', async () => {
    const clock = new TestClock();
    const api = await ApiServer.start(defer, { clock, env: { SESSION_TTL_HOURS: '10' } });
    const { client } = await api.person();

    clock.advance(6 * HOUR);
    const renewed = await client.get('/api/me');
    expect(renewed.status).toBe(200);
    // Past half-life: the expiry moved to a full lifetime from now, and the cookie with it.
    expect(renewed.setCookies[0]).toContain(`Max-Age=${10 * 3600}`);

    // Past the first expiry, still signed in; not past half of the new life, so no write.
    clock.advance(5 * HOUR);
    const stillIn = await client.get('/api/me');
    expect(stillIn.status).toBe(200);
    expect(stillIn.setCookies).toEqual([]);

    clock.advance(5 * HOUR);
    const expired = await client.get('/api/me');
    expect(expired.status).toBe(401);
    expect(expired.setCookies[0]).toContain('Max-Age=0');
  });

  it('AC6 passwords are stored only as salted scrypt hashes with their parameters', async () => {
    const api = await ApiServer.start(defer);
    const one = await api.person('Один');
    const two = await api.person('Два');
    const db = new Database(api.accountsFile, { readonly: true });
    defer(() => db.close());
    const rows = db
      .prepare('SELECT email, password_hash FROM users WHERE email IN (?, ?) ORDER BY email')
      .all(one.email, two.email) as { email: string; password_hash: string }[];
    expect(rows).toHaveLength(2);
    const bytes = JSON.stringify(db.prepare('SELECT * FROM users').all());
    expect(bytes).not.toContain(PASSWORD);
    for (const row of rows) {
      const [scheme, n, r, p, salt, hash] = row.password_hash.split('$');
      expect(scheme).toBe('scrypt');
      expect(Number(n)).toBeGreaterThanOrEqual(16384);
      expect([r, p]).toEqual(['8', '3']);
      expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
      expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
    }
    // Same password, different salts: different hashes.
    expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
  });

  it('AC6 passwords shorter than 8 characters are refused; the same Cyrillic password in NFD signs in', async () => {
    const api = await ApiServer.start(defer);
    const short = await api
      .client()
      .post('/api/auth/register', { email: 's@example.org', password: 'корот7', displayName: 'С' });
    expect(short.status).toBe(400);
    expect(short.json.message).toContain('"password"');

    const password = 'йогурт и ёлка';
    const client = api.client();
    const body = { email: 'nfc@example.org', password, displayName: 'Й' };
    expect((await client.post('/api/auth/register', body)).status).toBe(202);
    const decomposed = password.normalize('NFD');
    expect(decomposed).not.toBe(password);
    const login = await api
      .client()
      .post('/api/auth/login', { email: 'nfc@example.org', password: decomposed });
    expect(login.status).toBe(200);
  });
});
