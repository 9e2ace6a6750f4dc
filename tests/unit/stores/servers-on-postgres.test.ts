import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { PNG_1PX, putBlob, sha256 } from '../files/blobHttp.ts';
import { PublishingServer } from '../publishing/publishingServer.ts';

const DOC = 'doc-dymka';
const SITE = '/p/set-uchrezhdeniy-belgoroda';

describe('CT servers sharing one PostgreSQL database', () => {
  const defer = deferCleanup();
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('CT1 what one server publishes, with its picture, the other finds, shows and serves; taken down, it is gone from both at once', async () => {
    const first = await PublishingServer.start(defer, { databaseUrl: database.url });
    const second = await PublishingServer.start(defer, { databaseUrl: database.url });
    const { owner, workspaceId } = await first.workspace();
    expect((await putBlob(owner.client, workspaceId, PNG_1PX, 'image/png')).status).toBe(201);
    const hash = sha256(PNG_1PX);
    await first.setMeta(owner, workspaceId, DOC, {
      title: 'Мастер-класс «Дымковская игрушка»',
      type: 'masterClass'
    });
    await first.write(owner, workspaceId, DOC, (doc) => {
      const fragment = doc.getXmlFragment('content');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Лепим барыню из глины и расписываем её.')]);
      const image = new Y.XmlElement('image');
      image.setAttribute('hash', hash);
      image.setAttribute('alt', 'Дымковская барыня');
      fragment.insert(0, [p, image]);
    });
    // The site exists and the second server has shown its (empty) catalogue: that must not linger.
    expect((await first.api(owner, workspaceId).settings()).status).toBe(200);
    const empty = await second.fetch(`${SITE}/`);
    expect(empty.status).toBe(200);
    expect(empty.text).not.toContain('Дымковская игрушка');
    const published = await first.api(owner, workspaceId).publish(DOC);
    expect(published.status).toBe(200);
    const path = published.json.publication.path as string;

    const found = await second.fetch(`${SITE}/?q=${encodeURIComponent('игрушками ёе глины')}`);
    expect(found.status).toBe(200);
    expect(found.text).toContain('Мастер-класс «Дымковская игрушка»');
    const page = await second.fetch(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Лепим барыню из глины');
    const picture = await fetch(`${second.url}${SITE}/files/${hash}`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await picture.arrayBuffer()).equals(Buffer.from(PNG_1PX))).toBe(true);

    expect((await first.api(owner, workspaceId).unpublish(DOC)).status).toBe(200);
    expect((await second.fetch(path)).status).toBe(410);
    expect((await second.fetch(`${SITE}/files/${hash}`)).status).toBe(404);
    expect((await second.fetch(`${SITE}/?q=${encodeURIComponent('игрушка')}`)).text).not.toContain(
      'Дымковская игрушка'
    );
  });
});
