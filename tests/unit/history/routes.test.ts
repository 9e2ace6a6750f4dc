import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deferCleanup } from '../helpers/cleanup.ts';
import { PublishingServer, type Person } from '../publishing/publishingServer.ts';

const defer = deferCleanup();
const DOC = 'doc-dymkovo';

async function setup() {
  const site = await PublishingServer.start(defer);
  const { owner, workspaceId } = await site.workspace();
  const editor = await site.member(owner, workspaceId, 'editor', 'Ольга Юрченко');
  const viewer = await site.member(owner, workspaceId, 'viewer', 'Пётр Смирнов');
  await site.setText(editor, workspaceId, DOC, ['Лепим барыню из красной глины.']);
  const path = `/api/workspaces/${workspaceId}/documents/${DOC}/versions`;
  return { site, owner, editor, viewer, workspaceId, path };
}

/** A version's state, fetched as the app does (bytes, with the session cookie). */
async function stateOf(site: PublishingServer, as: Person, path: string) {
  const res = await fetch(site.url + path, { headers: { cookie: as.client.cookie ?? '' } });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('version history over the API', () => {
  it('VH3 an editor saves a named version with the authors the relay saw; members list and read it', async () => {
    const { site, editor, viewer, path } = await setup();
    const saved = await editor.client.post(path, { name: '  Перед занятием  ' });
    expect(saved.status).toBe(201);
    const version = (saved.json as { version: { id: number } }).version;
    expect(saved.json).toMatchObject({
      version: { kind: 'named', name: 'Перед занятием', savedBy: 'Ольга Юрченко' }
    });
    expect((saved.json as { version: { authors: string[] } }).version.authors).toEqual([
      'Ольга Юрченко'
    ]);

    const listed = await viewer.client.get(path);
    expect(listed.status).toBe(200);
    expect((listed.json as { versions: { id: number }[] }).versions.map((v) => v.id)).toEqual([
      version.id
    ]);

    const { status, bytes } = await stateOf(site, viewer, `${path}/${version.id}`);
    expect(status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, bytes);
    expect(doc.getXmlFragment('content').toString()).toContain('Лепим барыню из красной глины.');
  });

  it('VH5 a viewer cannot save a version; a non-member learns nothing; signing in is required', async () => {
    const { site, owner, viewer, path, workspaceId } = await setup();
    const refused = await viewer.client.post(path, { name: 'Моя версия' });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: 'forbidden' });

    const saved = await owner.client.post(path, { name: 'Итог' });
    const id = (saved.json as { version: { id: number } }).version.id;
    const stranger = await site.person('Чужой Человек');
    expect((await stranger.client.get(path)).status).toBe(404);
    expect((await stranger.client.post(path, { name: 'x' })).status).toBe(404);
    expect((await stateOf(site, stranger, `${path}/${id}`)).status).toBe(404);
    expect((await fetch(site.url + path)).status).toBe(401);

    // A version id only names a version of its own document.
    const other = `/api/workspaces/${workspaceId}/documents/doc-other/versions/${id}`;
    expect((await stateOf(site, owner, other)).status).toBe(404);
    expect((await stateOf(site, owner, `${path}/abc`)).status).toBe(404);
  });

  it('VH5 a version needs a name of sensible length, and a document that exists', async () => {
    const { owner, path, workspaceId } = await setup();
    expect((await owner.client.post(path, { name: '   ' })).status).toBe(400);
    expect((await owner.client.post(path, { name: 'я'.repeat(121) })).status).toBe(400);
    expect((await owner.client.post(path, { name: 'ok', extra: 1 })).status).toBe(400);
    const missing = `/api/workspaces/${workspaceId}/documents/doc-missing/versions`;
    expect((await owner.client.post(missing, { name: 'Пусто' })).status).toBe(404);
  });
});
