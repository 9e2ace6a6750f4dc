import path from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD } from '../accounts/apiServer.ts';
import {
  admin,
  DOC,
  expectPeopleAndDocuments,
  PICTURE,
  populate,
  TEXT,
  VERSION_NAME
} from '../backup/installation.ts';
import { blobRequest } from '../files/blobHttp.ts';
import { spawnRelay } from '../helpers/childRelay.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

describe('DB8 admin copy-to-postgres', () => {
  const defer = deferCleanup();

  it('DB8 copies a data folder into an empty PostgreSQL database, verifies it, and a server on PostgreSQL serves it all back', async () => {
    const work = makeTempDir();
    defer(work.remove);
    const source = path.join(work.dir, 'data');
    const running = await spawnRelay(source, { ROOM_IDLE_MS: '50' });
    defer(running.kill);
    const made = await populate(running.url);
    const feed = await made.owner.post(`/api/workspaces/${made.workspaceId}/calendar-feed`);
    expect(feed.status).toBe(201);
    const feedPath = feed.json.feed.path as string;
    await running.kill();

    const database = await createTestDatabase();
    defer(() => database.drop());
    const copied = await admin(['copy-to-postgres'], {
      DATA_DIR: source,
      DATABASE_URL: database.url
    });
    expect(copied.code, copied.stderr).toBe(0);
    const lines = copied.stdout.trim().split('\n');
    expect(lines).toContain('accounts: 1 rows of users copied into users');
    expect(lines).toContain('accounts: 1 rows of sessions copied into sessions');
    expect(lines).toContain('accounts: 1 rows of invites copied into invites');
    expect(lines).toContain('history: 1 rows of versions copied into history_versions');
    expect(lines).toContain('calendar-feeds: 1 rows of calendar_feeds copied into calendar_feeds');
    expect(lines).toContain('files: 1 copied');
    expect(lines).toContain('signing key: copied (sync tokens signed before stay valid)');
    expect(
      lines.some((l) =>
        /^verified: every table's row count, the state of \d+ documents, 1 files$/.test(l)
      )
    ).toBe(true);

    // Once is enough: the database now holds data and is refused, as is one with other tables.
    const again = await admin(['copy-to-postgres'], {
      DATA_DIR: source,
      DATABASE_URL: database.url
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds Uzel data');
    const other = await createTestDatabase();
    defer(() => other.drop());
    const otherPool = new pg.Pool({ connectionString: other.url, max: 1 });
    await otherPool.query('CREATE TABLE inventory (id int)');
    await otherPool.end();
    const refused = await admin(['copy-to-postgres'], {
      DATA_DIR: source,
      DATABASE_URL: other.url
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty (it has tables such as inventory)');

    // A server on PostgreSQL alone (a new, empty DATA_DIR) serves what the folder held.
    const fresh = makeTempDir();
    defer(fresh.remove);
    const server = await spawnRelay(fresh.dir, { DATABASE_URL: database.url, SAMPLE_DATA: 'off' });
    defer(server.kill);
    const url = server.url;
    // The session, the password and the sync token signed on SQLite: the signing key moved too.
    const { sameSession, opened } = await expectPeopleAndDocuments(url, made, defer, 'copied');

    // An edit now gets a clock after every copied one, so a client's cursor does not miss it.
    const changes = await sameSession.get(
      `/api/workspaces/${made.workspaceId}/changes?since=0&limit=1000`
    );
    const before = Math.max(...(changes.json.rooms as { clock: number }[]).map((r) => r.clock));
    opened.doc.getXmlFragment('content').insert(0, [new Y.XmlText('После переезда')]);
    await waitFor(async () => {
      const later = await sameSession.get(
        `/api/workspaces/${made.workspaceId}/changes?since=${before}&limit=1000`
      );
      return (later.json.rooms as { doc: string }[]).some((r) => r.doc === DOC);
    }, 'the edit after the move is listed after every copied clock');

    const versions = await sameSession.get(
      `/api/workspaces/${made.workspaceId}/documents/${DOC}/versions`
    );
    expect(versions.status).toBe(200);
    expect(versions.text).toContain(VERSION_NAME);
    const file = await blobRequest(sameSession, made.workspaceId, made.pictureHash);
    expect(file.status).toBe(200);
    expect(Buffer.from(file.body).equals(Buffer.from(PICTURE))).toBe(true);
    const page = await fetch(url + made.publicPath);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(TEXT);
    // The catalogue's search found it on SQLite; PostgreSQL's own search finds it by a word form.
    const site = made.publicPath.split('/').slice(0, 3).join('/');
    const search = await fetch(`${url}${site}/?q=${encodeURIComponent('игрушки')}`);
    expect(search.status).toBe(200);
    expect(await search.text()).toContain('Найдено: 1');
    const ics = await fetch(url + feedPath);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');

    // After the first account, people register through an invite (REGISTRATION's default).
    const colleague = new ApiClient(url);
    const email = `pedagog.${Date.now()}@example.org`;
    const joined = await colleague.post('/api/auth/register', {
      email,
      password: PASSWORD,
      displayName: 'Ирина Соколова',
      inviteToken: made.inviteToken
    });
    expect(joined.status).toBe(202);
    expect((await colleague.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(
      200
    );
    const herself = await colleague.get('/api/me');
    // The copied invite still works: she is a member of the copied workspace.
    expect(JSON.stringify(herself.json)).toContain('Ирина Соколова');
    expect(JSON.stringify(herself.json)).toContain(made.workspaceId);
  }, 180_000);
});
