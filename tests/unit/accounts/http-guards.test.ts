import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { ApiServer, PASSWORD, recordingLogger } from './apiServer.ts';

/** A raw request, for what fetch will not send (a body larger than announced, a chunked one). */
function rawPost(
  url: string,
  path: string,
  headers: Record<string, string>,
  chunks: Buffer[]
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    // The server may answer and close before the whole body is sent; that is the point.
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'EPIPE' ? null : reject(err)
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('API guards', () => {
  const defer = deferCleanup();
  const body = { email: 'g@example.org', password: PASSWORD, displayName: 'Г' };

  it('AC7 a state-changing request without Origin, or from another site, is 403 bad_origin', async () => {
    const api = await ApiServer.start(defer);
    const client = api.client();
    const none = await client.post('/api/auth/register', body, { noOrigin: true });
    expect(none.status).toBe(403);
    expect(none.json).toEqual({ error: 'bad_origin', message: expect.any(String) });
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1']) {
      const res = await client.post('/api/auth/register', body, { headers: { origin } });
      expect(res.status, origin).toBe(403);
    }
    // Nothing was created by the refused requests.
    expect((await client.post('/api/auth/login', body)).status).toBe(401);
    expect((await client.post('/api/auth/register', body)).status).toBe(202);
  });

  it('AC7 the CSRF checks also hold for a signed-in person (cookie alone is not enough)', async () => {
    const api = await ApiServer.start(defer);
    const { client } = await api.person();
    const forged = await client.post(
      '/api/workspaces',
      { name: 'Чужая' },
      { headers: { origin: 'https://evil.example' } }
    );
    expect(forged.status).toBe(403);
    const form = await client.post('/api/workspaces', undefined, {
      raw: 'name=Чужая',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    });
    expect(form.status).toBe(415);
    expect((await client.get('/api/workspaces')).json.workspaces).toEqual([]);
  });

  it('AC7 a configured origin is accepted', async () => {
    const api = await ApiServer.start(defer, {
      env: { ALLOWED_ORIGINS: 'https://uzel.example' }
    });
    const res = await api
      .client()
      .post('/api/auth/register', body, { headers: { origin: 'https://uzel.example' } });
    expect(res.status).toBe(202);
  });

  it('AC7 a state-changing request that is not JSON is 415', async () => {
    const api = await ApiServer.start(defer);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await api.client().post('/api/auth/register', undefined, {
        raw: JSON.stringify(body),
        headers: { 'content-type': type }
      });
      expect(res.status, type).toBe(415);
      expect(res.json.error).toBe('unsupported_media_type');
    }
    const withCharset = await api.client().post('/api/auth/register', undefined, {
      raw: JSON.stringify(body),
      headers: { 'content-type': 'application/json; charset=utf-8' }
    });
    expect(withCharset.status).toBe(202);
  });

  it('AC8 invalid bodies are 400 naming the field; malformed JSON is 400 invalid_json', async () => {
    const api = await ApiServer.start(defer);
    const client = api.client();
    const cases: [unknown, string][] = [
      [{ ...body, email: 'not-an-e-mail' }, '"email"'],
      [{ ...body, password: 'short' }, '"password"'],
      [{ ...body, displayName: '   ' }, '"displayName"'],
      [{ ...body, displayName: 'a\u0000b' }, '"displayName"'],
      [{ email: body.email, password: PASSWORD }, '"displayName"'],
      [[1, 2], '"body"'],
      ['text', '"body"']
    ];
    for (const [input, field] of cases) {
      const res = await client.post('/api/auth/register', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.json.error).toBe('invalid_input');
      expect(res.json.message).toContain(field);
    }
    const broken = await client.post('/api/auth/register', undefined, { raw: '{"email":' });
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual({ error: 'invalid_json', message: expect.any(String) });
  });

  it('AC8 a body over 64 KB is 413, announced or not; 64 KB of JSON is read', async () => {
    const api = await ApiServer.start(defer);
    const big = JSON.stringify({ ...body, displayName: 'я'.repeat(40_000) });
    const announced = await api.client().post('/api/auth/register', undefined, { raw: big });
    expect(announced.status).toBe(413);
    expect(announced.json.error).toBe('payload_too_large');

    const headers = {
      'content-type': 'application/json',
      origin: api.url,
      'transfer-encoding': 'chunked'
    };
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const streamed = await rawPost(api.url, '/api/auth/register', headers, Array(8).fill(chunk));
    expect(streamed.status).toBe(413);

    // Exactly at the limit is read.
    const json = JSON.stringify(body);
    const padded = json + ' '.repeat(64 * 1024 - Buffer.byteLength(json));
    const atLimit = await api.client().post('/api/auth/register', undefined, { raw: padded });
    expect(atLimit.status).toBe(202);
    // The server keeps serving.
    expect((await api.client().get('/api/me')).status).toBe(401);
  });

  it('AC8 unknown API paths are 404 and wrong methods 405, in the same JSON shape', async () => {
    const api = await ApiServer.start(defer);
    const missing = await api.client().get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'not_found', message: expect.any(String) });
    const method = await api.client().request('PUT', '/api/me', {});
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, PATCH, DELETE');
    expect(method.json.error).toBe('method_not_allowed');
    // Outside /api/ the web app (absent here) answers as before.
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('AC20 the log never carries e-mails, passwords, session cookies, invite or sync tokens', async () => {
    const { log, lines } = recordingLogger();
    const api = await ApiServer.start(defer, { log });
    const { owner, workspaceId } = await api.workspace();
    const invite = await owner.client.post(`/api/workspaces/${workspaceId}/invites`, {
      role: 'editor'
    });
    const inviteToken: string = invite.json.invite.token;
    const guest = await api.person('Гость');
    await api.client().get(`/api/invites/${inviteToken}`);
    await guest.client.post(`/api/invites/${inviteToken}/accept`);
    const sync = await guest.client.post(`/api/workspaces/${workspaceId}/token`);
    await api.client().post('/api/auth/login', { email: guest.email, password: 'wrong password' });
    await guest.client.post('/api/auth/logout');

    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('\n');
    expect(all).toContain(guest.id);
    const secrets = [
      owner.email,
      guest.email,
      PASSWORD,
      'wrong password',
      owner.client.cookie!.split('=')[1]!,
      inviteToken,
      sync.json.token as string
    ];
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
