import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer, type ApiClient, type RequestOptions } from '../accounts/apiServer.ts';

/**
 * Every route that changes a workspace, with the least role that may call it. A viewer is
 * refused (403) on each; an editor is refused exactly on the owners' routes and passes the role
 * check on the others (any answer but 403: a missing document is the handler's business).
 */
type WriteRoute = {
  name: string;
  needs: 'editor' | 'owner';
  call: (as: ApiClient, ids: Ids) => ReturnType<ApiClient['request']>;
};
type Ids = { workspaceId: string; inviteId: string; targetId: string };

const FILE = new TextEncoder().encode('Программа мастер-класса');
const FILE_HASH = createHash('sha256').update(FILE).digest('hex');
const ws = (ids: Ids) => `/api/workspaces/${ids.workspaceId}`;
const raw = (body: string, type: string): RequestOptions => ({
  raw: body,
  headers: { 'content-type': type }
});

const WRITE_ROUTES: WriteRoute[] = [
  {
    name: 'POST calendar-feed',
    needs: 'editor',
    call: (as, ids) => as.post(`${ws(ids)}/calendar-feed`)
  },
  {
    name: 'DELETE calendar-feed',
    needs: 'editor',
    call: (as, ids) => as.delete(`${ws(ids)}/calendar-feed`)
  },
  {
    name: 'PUT blobs/:sha256',
    needs: 'editor',
    call: (as, ids) =>
      as.request(
        'PUT',
        `${ws(ids)}/blobs/${FILE_HASH}`,
        undefined,
        raw(new TextDecoder().decode(FILE), 'text/plain')
      )
  },
  {
    name: 'POST documents/:docId/versions',
    needs: 'editor',
    call: (as, ids) => as.post(`${ws(ids)}/documents/plan/versions`, { name: 'Итог' })
  },
  {
    name: 'POST publications/:docId/propose',
    needs: 'editor',
    call: (as, ids) => as.post(`${ws(ids)}/publications/plan/propose`)
  },
  {
    name: 'POST publications/:docId/publish',
    needs: 'owner',
    call: (as, ids) => as.post(`${ws(ids)}/publications/plan/publish`)
  },
  {
    name: 'POST publications/:docId/unpublish',
    needs: 'owner',
    call: (as, ids) => as.post(`${ws(ids)}/publications/plan/unpublish`)
  },
  {
    name: 'PATCH publishing',
    needs: 'owner',
    call: (as, ids) => as.patch(`${ws(ids)}/publishing`, { title: 'Лучшие практики' })
  },
  {
    name: 'PATCH publishing/publishers/:userId',
    needs: 'owner',
    call: (as, ids) =>
      as.patch(`${ws(ids)}/publishing/publishers/${ids.targetId}`, { publisher: true })
  },
  {
    name: 'POST invites',
    needs: 'owner',
    call: (as, ids) => as.post(`${ws(ids)}/invites`, { role: 'viewer' })
  },
  {
    name: 'DELETE invites/:inviteId',
    needs: 'owner',
    call: (as, ids) => as.delete(`${ws(ids)}/invites/${ids.inviteId}`)
  },
  {
    name: 'PATCH members/:userId',
    needs: 'owner',
    call: (as, ids) => as.patch(`${ws(ids)}/members/${ids.targetId}`, { role: 'viewer' })
  },
  {
    name: 'DELETE members/:userId',
    needs: 'owner',
    call: (as, ids) => as.delete(`${ws(ids)}/members/${ids.targetId}`)
  }
];

describe('who may call the routes that change a workspace', () => {
  // One server and one cast for the whole table: a refused call changes nothing, and what the
  // editor's allowed calls change (a feed link, a file) plays no part in any role check.
  const cleanups: (() => unknown)[] = [];
  let cast: Awaited<ReturnType<typeof setup>>;

  async function setup() {
    const server = await ApiServer.start((task) => cleanups.push(task));
    const { owner, workspaceId } = await server.workspace();
    const viewer = await server.member(owner.client, workspaceId, 'viewer', 'Вера Смирнова');
    const editor = await server.member(owner.client, workspaceId, 'editor', 'Ольга Юрченко');
    const target = await server.member(owner.client, workspaceId, 'editor', 'Павел Орлов');
    const invite = await owner.client.post(`/api/workspaces/${workspaceId}/invites`, {
      role: 'editor'
    });
    const ids: Ids = {
      workspaceId,
      inviteId: (invite.json as { invite: { id: string } }).invite.id,
      targetId: target.id
    };
    return { server, viewer: viewer.client, editor: editor.client, ids };
  }

  beforeAll(async () => {
    cast = await setup();
  });
  afterAll(async () => {
    for (const task of cleanups.reverse()) await task();
  });

  it.each(WRITE_ROUTES)('AR5 a viewer gets 403 on $name', async ({ call }) => {
    const res = await call(cast.viewer, cast.ids);
    expect(res.status, res.text).toBe(403);
  });

  it.each(WRITE_ROUTES)(
    'AR5 an editor on $name: 403 only where owners are needed',
    async ({ call, needs }) => {
      const res = await call(cast.editor, cast.ids);
      if (needs === 'owner') expect(res.status, res.text).toBe(403);
      else expect(res.status, res.text).not.toBe(403);
    }
  );

  it('AR5 before the role: 401 signed out, 404 for a non-member; a viewer adding a file reads read_only', async () => {
    const { server, viewer, ids } = cast;
    const feed = WRITE_ROUTES.find((r) => r.name === 'POST calendar-feed')!;
    const upload = WRITE_ROUTES.find((r) => r.name === 'PUT blobs/:sha256')!;
    expect((await feed.call(server.client(), ids)).status).toBe(401);
    const stranger = await server.person('Чужой Человек');
    const unknown = await feed.call(stranger.client, ids);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: 'not_found' });
    expect((await upload.call(viewer, ids)).json).toMatchObject({ error: 'read_only' });
  });
});
