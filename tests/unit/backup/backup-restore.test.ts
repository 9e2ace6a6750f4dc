import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { create, extract } from 'tar';
import { describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD } from '../accounts/apiServer.ts';
import { blobRequest } from '../files/blobHttp.ts';
import { spawnRelay } from '../helpers/childRelay.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';
import {
  admin,
  DOC,
  expectPeopleAndDocuments,
  PICTURE,
  populate,
  TEXT,
  VERSION_NAME,
  write
} from './installation.ts';

const SQLITE_FILE = /^[^/]+\.sqlite$/;

describe('BK whole backups of a SQLite installation', () => {
  const defer = deferCleanup();
  const folder = () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    return tmp.dir;
  };

  it('BK1 BK2 a backup of a running server, restored into a fresh folder, serves the same accounts, sessions, invites, documents, versions, publications, files and tokens', async () => {
    const work = folder();
    const source = path.join(work, 'data');
    const running = await spawnRelay(source, { ROOM_IDLE_MS: '50' });
    defer(running.kill);
    const made = await populate(running.url);

    // The server keeps taking edits while the backup runs.
    const archive = path.join(work, 'uzel-backup.tar.gz');
    const [backedUp] = await Promise.all([
      admin(['backup', archive], { DATA_DIR: source }),
      write(made.owner, made.workspaceId, 'doc-later', made.syncToken, (doc) =>
        doc.getText('body').insert(0, 'правка во время копирования')
      )
    ]);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout.trim().split('\n').at(-1)).toBe(archive);
    expect(statSync(archive).mode & 0o077).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['data', 'uzel-backup.tar.gz']);
    await running.kill();

    const target = path.join(work, 'restored');
    const restored = await admin(['restore', archive], { DATA_DIR: target });
    expect(restored.code, restored.stderr).toBe(0);
    // Every store's database and the signing key came back, private to the server's user.
    const stores = readdirSync(source).filter((f) => SQLITE_FILE.test(f));
    expect(stores.length).toBeGreaterThanOrEqual(5);
    for (const file of [...stores, 'secret.key']) {
      expect(existsSync(path.join(target, file)), file).toBe(true);
      expect(statSync(path.join(target, file)).mode & 0o077, file).toBe(0);
    }

    const server = await spawnRelay(target, { ROOM_IDLE_MS: '50' });
    defer(server.kill);
    const url = server.url;

    // The session, the password and the sync token made before the backup still work.
    const { sameSession } = await expectPeopleAndDocuments(url, made, defer, 'restored');

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
    const site = made.publicPath.split('/').slice(0, 3).join('/');
    const publicPicture = await fetch(`${url}${site}/files/${made.pictureHash}`);
    expect(publicPicture.status).toBe(200);

    // The invite link made before the backup lets a colleague in.
    // Registration after the first person is by invite: the link is what lets her register.
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
    expect((await colleague.post(`/api/invites/${made.inviteToken}/accept`)).status).toBe(200);
  }, 120_000);

  it('BK3 restore refuses a folder that is not empty and leaves it as it was', async () => {
    const work = folder();
    const source = path.join(work, 'data');
    const running = await spawnRelay(source);
    defer(running.kill);
    await populate(running.url);
    const archive = path.join(work, 'backup.tar.gz');
    expect((await admin(['backup', archive], { DATA_DIR: source })).code).toBe(0);

    const occupied = path.join(work, 'occupied');
    mkdirSync(occupied);
    writeFileSync(path.join(occupied, 'notes.txt'), 'не трогать');
    const refused = await admin(['restore', archive], { DATA_DIR: occupied });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty');
    expect(readdirSync(occupied)).toEqual(['notes.txt']);

    const live = await admin(['restore', archive], { DATA_DIR: source });
    expect(live.code).toBe(2);
    expect(live.stderr).toContain('is not empty');
  }, 120_000);

  it('BK4 an archive that is not an Uzel backup, or damaged, restores nothing and says why', async () => {
    const work = folder();
    const notOurs = path.join(work, 'photo.tar.gz');
    writeFileSync(notOurs, Buffer.from('это не архив'));
    const target = path.join(work, 'target');
    const refused = await admin(['restore', notOurs], { DATA_DIR: target });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not an Uzel backup|cannot be read/);
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);

    const missing = await admin(['restore', path.join(work, 'absent.tar.gz')], {
      DATA_DIR: target
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');

    // A real backup with one file's bytes changed afterwards.
    const data = path.join(work, 'data');
    mkdirSync(path.join(data, 'blobs', 'ab'), { recursive: true });
    const db = new Database(path.join(data, 'accounts.sqlite'));
    db.exec("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Анна Лобанова')");
    db.close();
    writeFileSync(path.join(data, 'blobs', 'ab', 'ab'.repeat(32)), 'байты рисунка');
    const archive = path.join(work, 'backup.tar.gz');
    expect((await admin(['backup', archive], { DATA_DIR: data })).code).toBe(0);
    const unpacked = path.join(work, 'unpacked');
    mkdirSync(unpacked);
    await extract({ file: archive, cwd: unpacked });
    writeFileSync(path.join(unpacked, 'data', 'blobs', 'ab', 'ab'.repeat(32)), 'чужие байты');
    const damaged = path.join(work, 'damaged.tar.gz');
    await create({ gzip: true, file: damaged, cwd: unpacked }, readdirSync(unpacked));
    const broken = await admin(['restore', damaged], { DATA_DIR: target });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`blobs/ab/${'ab'.repeat(32)} in the archive is damaged`);
    expect(readdirSync(target)).toEqual([]);
    const sound = await admin(['restore', archive], { DATA_DIR: target });
    expect(sound.code, sound.stderr).toBe(0);
    const back = new Database(path.join(target, 'accounts.sqlite'), { readonly: true });
    expect(back.prepare('SELECT name FROM people').pluck().get()).toBe('Анна Лобанова');
    back.close();
  }, 120_000);

  it('BK5 a folder holding no databases is refused rather than archived empty', async () => {
    const work = folder();
    const empty = await admin(['backup', path.join(work, 'b.tar.gz')], { DATA_DIR: work });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('nothing to back up');
    expect(readdirSync(work)).toEqual([]);
  }, 60_000);
});
