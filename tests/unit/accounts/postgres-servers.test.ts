import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { closeEngine, openEngine } from '../../../server/db/engine.ts';
import { createLogger } from '../../../server/log.ts';
import { UzelServer } from '../../../server/UzelServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';

/** One server process as `npm start` builds it with DATABASE_URL set, in a data folder of its own. */
async function startServer(defer: ReturnType<typeof deferCleanup>, databaseUrl: string) {
  const tmp = makeTempDir();
  defer(tmp.remove);
  const config = loadConfig({
    REGISTRATION: 'open',
    DATA_DIR: tmp.dir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SAMPLE_DATA: 'off',
    DATABASE_URL: databaseUrl
  });
  const engine = await openEngine(config);
  defer(() => closeEngine(engine));
  const server = await UzelServer.onEngine({ config, log: createLogger('silent') }, engine);
  defer(() => server.close());
  const url = await server.listen();
  const call = async (method: string, route: string, cookie?: string, body?: unknown) => {
    const write = method !== 'GET';
    const res = await fetch(`${url}${route}`, {
      method,
      headers: {
        ...(write ? { 'content-type': 'application/json', origin: url } : {}),
        ...(cookie ? { cookie } : {})
      },
      body: write ? JSON.stringify(body ?? {}) : undefined
    });
    const text = await res.text();
    return { status: res.status, text, res };
  };
  return { dataDir: tmp.dir, call };
}

describe('two servers on one PostgreSQL database', () => {
  const defer = deferCleanup();

  it('AS9 someone signed in through one server is signed in on the other, sees the same workspaces, and a calendar link made on one opens on the other', async () => {
    const database = await createTestDatabase();
    defer(database.drop);
    const a = await startServer(defer, database.url);
    const b = await startServer(defer, database.url);

    const registered = await a.call('POST', '/api/auth/register', undefined, {
      email: 'anna@example.org',
      password: 'пароль-для-проверки',
      displayName: 'Анна Ёлкина'
    });
    expect(registered.status).toBe(202);
    const signedIn = await a.call('POST', '/api/auth/login', undefined, {
      email: 'anna@example.org',
      password: 'пароль-для-проверки'
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.res.headers.get('set-cookie')!.split(';')[0]!;
    const me = await b.call('GET', '/api/me', cookie);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text).user.displayName).toBe('Анна Ёлкина');

    const created = await b.call('POST', '/api/workspaces', cookie, { name: 'Сеть библиотек' });
    expect(created.status).toBe(201);
    const workspaceId = JSON.parse(created.text).workspace.id as string;
    expect(JSON.parse((await a.call('GET', '/api/workspaces', cookie)).text).workspaces).toEqual([
      { id: workspaceId, name: 'Сеть библиотек', role: 'owner' }
    ]);

    const feed = await a.call('POST', `/api/workspaces/${workspaceId}/calendar-feed`, cookie);
    expect(feed.status).toBe(201);
    const feedPath = JSON.parse(feed.text).feed.path as string;
    const calendar = await b.call('GET', feedPath);
    expect(calendar.status).toBe(200);
    expect(calendar.res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(calendar.text).toContain('X-WR-CALNAME:Сеть библиотек');

    // Signing out on one server ends the session on the other at once.
    expect((await b.call('POST', '/api/auth/logout', cookie)).status).toBe(204);
    expect((await a.call('GET', '/api/me', cookie)).status).toBe(401);

    // Nothing of it went to the SQLite files of either data folder.
    for (const { dataDir } of [a, b]) {
      expect(existsSync(path.join(dataDir, 'accounts.sqlite'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'calendar-feeds.sqlite'))).toBe(false);
    }
  });
});
