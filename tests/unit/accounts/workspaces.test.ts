import { describe, expect, it } from 'vitest';
import type { MembershipChange } from '../../../server/accounts/types.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { ApiServer } from './apiServer.ts';

describe('workspaces and members', () => {
  const defer = deferCleanup();

  it('AC9 a person creates workspaces, owns them and sees them in their list', async () => {
    const api = await ApiServer.start(defer);
    const { client } = await api.person();
    const created = await client.post('/api/workspaces', { name: ' Сеть учреждений Кирова ' });
    expect(created.status).toBe(201);
    const workspace = created.json.workspace;
    expect(workspace).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      name: 'Сеть учреждений Кирова',
      role: 'owner'
    });
    const second = (await client.post('/api/workspaces', { name: 'Архив' })).json.workspace;

    const me = await client.get('/api/me');
    expect(me.json.workspaces).toEqual([second, workspace]);
    expect((await client.get('/api/workspaces')).json.workspaces).toEqual([second, workspace]);
    expect((await client.get(`/api/workspaces/${workspace.id}`)).json).toEqual({ workspace });

    expect((await client.post('/api/workspaces', { name: '' })).status).toBe(400);
    expect((await api.client().post('/api/workspaces', { name: 'x' })).status).toBe(401);
  });

  it('AC10 a non-member gets 404 for a workspace exactly as for an unknown one', async () => {
    const api = await ApiServer.start(defer);
    const { workspaceId } = await api.workspace();
    const stranger = await api.person('Посторонний');
    const paths = (id: string) =>
      [
        ['GET', `/api/workspaces/${id}`],
        ['GET', `/api/workspaces/${id}/members`],
        ['PATCH', `/api/workspaces/${id}/members/${stranger.id}`, { role: 'viewer' }],
        ['DELETE', `/api/workspaces/${id}/members/${stranger.id}`],
        ['POST', `/api/workspaces/${id}/invites`, { role: 'editor' }],
        ['DELETE', `/api/workspaces/${id}/invites/someInvite`],
        ['POST', `/api/workspaces/${id}/token`, {}]
      ] as const;
    for (const id of [workspaceId, 'unknownWorkspace0000', 'bad%20id']) {
      for (const [method, path, body] of paths(id)) {
        const res = await stranger.client.request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.json.error).toBe('not_found');
        if (id === workspaceId) {
          const unknown = await stranger.client.request(method, path.replace(id, 'zzz'), body);
          expect(res.json).toEqual(unknown.json);
        }
      }
    }
  });

  it('AC10 a member who is not an owner gets 403 for owner actions', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const editor = await api.member(owner.client, workspaceId, 'editor', 'Борис');
    const ws = `/api/workspaces/${workspaceId}`;
    const attempts = [
      editor.client.patch(`${ws}/members/${owner.id}`, { role: 'viewer' }),
      editor.client.patch(`${ws}/members/${editor.id}`, { role: 'owner' }),
      editor.client.delete(`${ws}/members/${owner.id}`),
      editor.client.post(`${ws}/invites`, { role: 'editor' }),
      editor.client.delete(`${ws}/invites/someInvite`)
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.json.error).toBe('forbidden');
    }
    expect((await editor.client.get(ws)).json.workspace.role).toBe('editor');
  });

  it('AC11 every member sees names, institutions and roles; only owners see e-mails and invites', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    await owner.client.patch('/api/me', { institution: 'Библиотека им. Лиханова' });
    const viewer = await api.member(owner.client, workspaceId, 'viewer', 'Вера');
    await owner.client.post(`/api/workspaces/${workspaceId}/invites`, { role: 'editor' });

    const asOwner = (await owner.client.get(`/api/workspaces/${workspaceId}/members`)).json;
    expect(asOwner.members).toEqual([
      {
        userId: owner.id,
        displayName: 'Анна Лобанова',
        institution: 'Библиотека им. Лиханова',
        kind: 'person',
        role: 'owner',
        email: owner.email
      },
      {
        userId: viewer.id,
        displayName: 'Вера',
        institution: '',
        kind: 'person',
        role: 'viewer',
        email: viewer.email
      }
    ]);
    // Two invites: the one Vera used and the open one; links are never listed again.
    expect(asOwner.invites).toHaveLength(2);
    expect(JSON.stringify(asOwner.invites)).not.toMatch(/token|path/);

    const asViewer = (await viewer.client.get(`/api/workspaces/${workspaceId}/members`)).json;
    expect(asViewer.invites).toBeUndefined();
    expect(asViewer.members.map((m: { role: string }) => m.role)).toEqual(['owner', 'viewer']);
    for (const member of asViewer.members) expect(member).not.toHaveProperty('email');
    expect(JSON.stringify(asViewer)).not.toContain('@');
  });

  it('AC12 a role change and a removal emit a MembershipChange; a member may leave', async () => {
    const api = await ApiServer.start(defer);
    const changes: MembershipChange[] = [];
    defer(api.accounts.access.onMembershipChange((c) => changes.push(c)));
    const { owner, workspaceId } = await api.workspace();
    const editor = await api.member(owner.client, workspaceId, 'editor', 'Борис');
    const viewer = await api.member(owner.client, workspaceId, 'viewer', 'Вера');
    changes.length = 0;
    const member = (id: string) => `/api/workspaces/${workspaceId}/members/${id}`;

    const changed = await owner.client.patch(member(editor.id), { role: 'viewer' });
    expect(changed.status).toBe(200);
    expect(changed.json).toEqual({ member: { userId: editor.id, role: 'viewer' } });
    expect(changes).toEqual([{ workspaceId, userId: editor.id, role: 'viewer' }]);
    expect((await editor.client.get(`/api/workspaces/${workspaceId}`)).json.workspace.role).toBe(
      'viewer'
    );
    // The same role again changes nothing and tells nobody.
    await owner.client.patch(member(editor.id), { role: 'viewer' });
    expect(changes).toHaveLength(1);

    expect((await owner.client.delete(member(editor.id))).status).toBe(204);
    expect(changes[1]).toEqual({ workspaceId, userId: editor.id, role: null });
    expect((await editor.client.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);
    expect((await editor.client.get('/api/me')).json.workspaces).toEqual([]);

    expect((await viewer.client.delete(member(viewer.id))).status).toBe(204);
    expect(changes[2]).toEqual({ workspaceId, userId: viewer.id, role: null });
    expect((await owner.client.delete(member(viewer.id))).status).toBe(404);
    expect((await owner.client.patch(member('noSuchUser'), { role: 'editor' })).status).toBe(404);
    expect((await owner.client.patch(member(viewer.id), { role: 'admin' })).status).toBe(400);
  });

  it('AC13 the last owner can be neither demoted nor removed, nor leave; with two owners one may', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const member = (id: string) => `/api/workspaces/${workspaceId}/members/${id}`;
    for (const res of [
      await owner.client.patch(member(owner.id), { role: 'editor' }),
      await owner.client.delete(member(owner.id))
    ]) {
      expect(res.status).toBe(409);
      expect(res.json.error).toBe('last_owner');
    }

    const boris = await api.member(owner.client, workspaceId, 'editor', 'Борис');
    expect((await owner.client.patch(member(boris.id), { role: 'owner' })).status).toBe(200);
    expect((await boris.client.patch(member(owner.id), { role: 'viewer' })).status).toBe(200);
    // Anna is a viewer now; Boris is the only owner and is protected in turn.
    expect((await boris.client.delete(member(boris.id))).json.error).toBe('last_owner');
    expect((await owner.client.get(`/api/workspaces/${workspaceId}`)).json.workspace.role).toBe(
      'viewer'
    );
  });
});
