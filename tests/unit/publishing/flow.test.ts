import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { PublishingServer } from './publishingServer.ts';

const defer = deferCleanup();
const DOC = 'doc-dymkovo';

async function setup() {
  const site = await PublishingServer.start(defer);
  const { owner, workspaceId } = await site.workspace();
  await site.setMeta(owner, workspaceId, DOC, {
    title: 'Мастер-класс «Дымковская игрушка»',
    type: 'masterClass',
    fields: { direction: 'folkCulture', audienceAge: '7–12 лет', duration: '45 минут' }
  });
  await site.setText(owner, workspaceId, DOC, ['Первая версия: лепим барыню.']);
  return { site, owner, workspaceId };
}

describe('publishing flow', () => {
  it('PB3 an editor proposes but cannot publish; a viewer cannot propose; an owner publishes', async () => {
    const { site, owner, workspaceId } = await setup();
    const editor = await site.member(owner, workspaceId, 'editor', 'Ольга Юрченко');
    const viewer = await site.member(owner, workspaceId, 'viewer', 'Пётр Смирнов');

    expect((await site.api(viewer, workspaceId).propose(DOC)).status).toBe(403);
    const proposed = await site.api(editor, workspaceId).propose(DOC);
    expect(proposed.status).toBe(200);
    expect(proposed.json.publication).toMatchObject({ status: 'draft', proposed: true });

    const refused = await site.api(editor, workspaceId).publish(DOC);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe('forbidden');
    expect((await site.api(viewer, workspaceId).unpublish(DOC)).status).toBe(403);

    const published = await site.api(owner, workspaceId).publish(DOC, 'CC-BY-SA-4.0');
    expect(published.status).toBe(200);
    expect(published.json.publication).toMatchObject({
      status: 'published',
      proposed: false,
      licence: 'CC-BY-SA-4.0',
      version: 1,
      changedSincePublished: false
    });
    expect(published.json.publication.path).toMatch(
      /^\/p\/set-uchrezhdeniy-belgoroda\/master-klass-dymkovskaya-igrushka-[0-9a-z]{8}$/
    );
  });

  it('PB3 an owner can give an editor the publisher right, and take it back', async () => {
    const { site, owner, workspaceId } = await setup();
    const editor = await site.member(owner, workspaceId, 'editor', 'Ольга Юрченко');
    expect((await site.api(editor, workspaceId).setPublisher(editor.id, true)).status).toBe(403);
    expect((await site.api(owner, workspaceId).setPublisher(editor.id, true)).status).toBe(200);
    expect((await site.api(editor, workspaceId).settings()).json.settings.canPublish).toBe(true);
    expect((await site.api(editor, workspaceId).publish(DOC)).status).toBe(200);
    await site.api(owner, workspaceId).setPublisher(editor.id, false);
    expect((await site.api(editor, workspaceId).unpublish(DOC)).status).toBe(403);
  });

  it('PB3 a member of another workspace gets the same 404 as for an unknown one, and no one signed out gets in', async () => {
    const { site, workspaceId } = await setup();
    const { owner: stranger } = await site.workspace('Другая сеть');
    for (const res of [
      await site.api(stranger, workspaceId).status(DOC),
      await site.api(stranger, workspaceId).propose(DOC),
      await site.api(stranger, workspaceId).publish(DOC),
      await site.api(stranger, workspaceId).settings()
    ]) {
      expect(res.status).toBe(404);
    }
    const anonymous = await fetch(`${site.url}/api/workspaces/${workspaceId}/publications/${DOC}`);
    expect(anonymous.status).toBe(401);
  });

  it('PB3 publishing needs this site as Origin and a JSON body like every change', async () => {
    const { owner, workspaceId } = await setup();
    const path = `/api/workspaces/${workspaceId}/publications/${DOC}/publish`;
    expect((await owner.client.post(path, {}, { noOrigin: true })).status).toBe(403);
    const foreign = await owner.client.post(
      path,
      {},
      { headers: { origin: 'https://evil.example' } }
    );
    expect(foreign.status).toBe(403);
    expect((await owner.client.post(path, { licence: 'GPL' })).status).toBe(400);
  });

  it('PB4 the public page shows the pinned version; later edits stay private until republished', async () => {
    const { site, owner, workspaceId } = await setup();
    const path = (await site.api(owner, workspaceId).publish(DOC)).json.publication.path as string;
    expect((await site.fetch(path)).text).toContain('Первая версия');

    await site.setText(owner, workspaceId, DOC, ['Черновик: секретный план второй версии.']);
    const stale = await site.fetch(path);
    expect(stale.text).toContain('Первая версия');
    expect(stale.text).not.toContain('секретный план');
    const status = await site.api(owner, workspaceId).status(DOC);
    expect(status.json.publication.changedSincePublished).toBe(true);

    const republished = await site.api(owner, workspaceId).publish(DOC);
    expect(republished.json.publication).toMatchObject({
      version: 2,
      changedSincePublished: false
    });
    const fresh = await site.fetch(path);
    expect(fresh.text).toContain('секретный план');
    expect(fresh.text).not.toContain('Первая версия');
  });

  it('PB4 a title change moves the address; the old one redirects to the new', async () => {
    const { site, owner, workspaceId } = await setup();
    const oldPath = (await site.api(owner, workspaceId).publish(DOC)).json.publication.path;
    await site.setMeta(owner, workspaceId, DOC, { title: 'Дымковская игрушка: барыня' });
    const newPath = (await site.api(owner, workspaceId).publish(DOC)).json.publication.path;
    expect(newPath).not.toBe(oldPath);
    expect(newPath).toMatch(/\/dymkovskaya-igrushka-barynya-[0-9a-z]{8}$/);
    const moved = await site.fetch(oldPath);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(newPath);
  });

  it('PB5 unpublishing answers 410 Gone at once and drops the pinned copy', async () => {
    const { site, owner, workspaceId } = await setup();
    const path = (await site.api(owner, workspaceId).publish(DOC)).json.publication.path;
    const first = await site.fetch(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect((await site.fetch(path, { 'if-none-match': etag })).status).toBe(304);

    expect((await site.api(owner, workspaceId).unpublish(DOC)).status).toBe(200);
    const gone = await site.fetch(path);
    expect(gone.status).toBe(410);
    expect(gone.text).not.toContain('барыню');
    expect((await site.fetch(path, { 'if-none-match': etag })).status).toBe(410);
    expect((await site.server.publishing.store.get(workspaceId, DOC))?.pinned).toBeNull();
    const catalogue = await site.fetch('/p/set-uchrezhdeniy-belgoroda/');
    expect(catalogue.text).not.toContain('Дымковская');
  });

  it('PB5 a document in the bin or not in the index cannot be published', async () => {
    const { site, owner, workspaceId } = await setup();
    await site.setMeta(owner, workspaceId, DOC, { deletedAt: Date.now() });
    expect((await site.api(owner, workspaceId).publish(DOC)).status).toBe(409);
    expect((await site.api(owner, workspaceId).publish('no-such-doc')).status).toBe(404);
  });

  it('PB4 publishing reads the live room when the document is open, so the latest committed text is used', async () => {
    const { site, owner, workspaceId } = await setup();
    const room = `${workspaceId}/${DOC}`;
    // Keep the room loaded: a writer stays connected while the owner publishes.
    await site.setText(owner, workspaceId, DOC, ['Текст из открытого документа.']);
    await site.server.registry.open(room);
    expect(await site.server.registry.peek(room)).toBeDefined();
    const path = (await site.api(owner, workspaceId).publish(DOC)).json.publication.path;
    expect((await site.fetch(path)).text).toContain('Текст из открытого документа.');
  });
});
