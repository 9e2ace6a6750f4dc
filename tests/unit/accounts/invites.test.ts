import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MembershipChange } from '../../../server/accounts/types.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { ApiServer, TestClock } from './apiServer.ts';

const HOUR = 3_600_000;

describe('invite links', () => {
  const defer = deferCleanup();

  it('AC14 an owner creates a link with a role; it is shown once and accepted by a signed-in person', async () => {
    const clock = new TestClock();
    const api = await ApiServer.start(defer, { clock });
    const { owner, workspaceId } = await api.workspace('Сеть учреждений Кирова');
    const created = await owner.client.post(`/api/workspaces/${workspaceId}/invites`, {
      role: 'editor'
    });
    expect(created.status).toBe(201);
    const invite = created.json.invite;
    expect(invite).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      role: 'editor',
      status: 'valid',
      createdAt: clock.t,
      expiresAt: clock.t + 168 * HOUR,
      maxUses: null,
      uses: 0,
      revokedAt: null,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      path: `/invite?token=${invite.token}`
    });
    // Only a hash is kept: the link cannot be read back from the database.
    const db = new Database(api.accountsFile, { readonly: true });
    defer(() => db.close());
    expect(JSON.stringify(db.prepare('SELECT * FROM invites').all())).not.toContain(invite.token);

    const anyone = await api.client().get(`/api/invites/${invite.token}`);
    expect(anyone.json).toEqual({
      workspaceName: 'Сеть учреждений Кирова',
      role: 'editor',
      status: 'valid'
    });
    expect((await api.client().get('/api/invites/unknownToken')).status).toBe(404);

    expect((await api.client().post(`/api/invites/${invite.token}/accept`)).status).toBe(401);
    const boris = await api.person('Борис');
    const accepted = await boris.client.post(`/api/invites/${invite.token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({
      workspace: { id: workspaceId, name: 'Сеть учреждений Кирова', role: 'editor' }
    });
    expect((await boris.client.get('/api/me')).json.workspaces).toEqual([accepted.json.workspace]);
    const listed = (await owner.client.get(`/api/workspaces/${workspaceId}/members`)).json;
    expect(listed.invites).toEqual([expect.objectContaining({ id: invite.id, uses: 1 })]);
  });

  it('AC14 invite options are validated: role editor|viewer, 1..720 hours, 1..1000 uses', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const path = `/api/workspaces/${workspaceId}/invites`;
    for (const [body, field] of [
      [{ role: 'owner' }, 'role'],
      [{}, 'role'],
      [{ role: 'viewer', expiresInHours: 0 }, 'expiresInHours'],
      [{ role: 'viewer', expiresInHours: 721 }, 'expiresInHours'],
      [{ role: 'viewer', expiresInHours: 1.5 }, 'expiresInHours'],
      [{ role: 'viewer', maxUses: 0 }, 'maxUses'],
      [{ role: 'viewer', maxUses: 1001 }, 'maxUses']
    ] as const) {
      const res = await owner.client.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.message).toContain(`"${field}"`);
    }
    const ok = await owner.client.post(path, {
      role: 'viewer',
      expiresInHours: 720,
      maxUses: 1000
    });
    expect(ok.json.invite).toMatchObject({ role: 'viewer', maxUses: 1000 });
  });

  it('AC14 an expired link is 410 expired', async () => {
    const clock = new TestClock();
    const api = await ApiServer.start(defer, { clock });
    const { owner, workspaceId } = await api.workspace();
    const invite = (
      await owner.client.post(`/api/workspaces/${workspaceId}/invites`, {
        role: 'viewer',
        expiresInHours: 1
      })
    ).json.invite;
    clock.advance(HOUR);
    const late = await api.person('Опоздавший');
    const res = await late.client.post(`/api/invites/${invite.token}/accept`);
    expect(res.status).toBe(410);
    expect(res.json.error).toBe('expired');
    expect((await api.client().get(`/api/invites/${invite.token}`)).json.status).toBe('expired');
    expect((await late.client.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);
  });

  it('AC14 a revoked link is 410 revoked; revoking is for the owner of that workspace', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const invite = (
      await owner.client.post(`/api/workspaces/${workspaceId}/invites`, { role: 'editor' })
    ).json.invite;
    const other = await api.workspace('Другое пространство');
    const across = await other.owner.client.delete(
      `/api/workspaces/${other.workspaceId}/invites/${invite.id}`
    );
    expect(across.status).toBe(404);

    const revoked = await owner.client.delete(
      `/api/workspaces/${workspaceId}/invites/${invite.id}`
    );
    expect(revoked.status).toBe(204);
    const guest = await api.person('Гость');
    const res = await guest.client.post(`/api/invites/${invite.token}/accept`);
    expect(res.status).toBe(410);
    expect(res.json.error).toBe('revoked');
    const listed = (await owner.client.get(`/api/workspaces/${workspaceId}/members`)).json.invites;
    expect(listed[0]).toMatchObject({ status: 'revoked', revokedAt: expect.any(Number) });
  });

  it('AC14 a link limited to N uses lets N people in, then is 410 used_up', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const invite = (
      await owner.client.post(`/api/workspaces/${workspaceId}/invites`, {
        role: 'viewer',
        maxUses: 2
      })
    ).json.invite;
    const people = await Promise.all(['Первый', 'Второй', 'Третий'].map((n) => api.person(n)));
    const answers = await Promise.all(
      people.map((p) => p.client.post(`/api/invites/${invite.token}/accept`))
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 410]);
    expect(answers.find((a) => a.status === 410)!.json.error).toBe('used_up');
    expect((await api.client().get(`/api/invites/${invite.token}`)).json.status).toBe('used_up');
    const members = (await owner.client.get(`/api/workspaces/${workspaceId}/members`)).json;
    expect(members.members).toHaveLength(3);
  });

  it('AC15 accepting as a member keeps the higher role and uses nothing', async () => {
    const api = await ApiServer.start(defer);
    const changes: MembershipChange[] = [];
    defer(api.accounts.access.onMembershipChange((c) => changes.push(c)));
    const { owner, workspaceId } = await api.workspace();
    const create = async (role: string) =>
      (await owner.client.post(`/api/workspaces/${workspaceId}/invites`, { role, maxUses: 1 })).json
        .invite;
    const viewerLink = await create('viewer');
    const editorLink = await create('editor');
    const vera = await api.member(owner.client, workspaceId, 'viewer', 'Вера');

    // An owner following a viewer link stays owner; the link keeps its single use.
    const self = await owner.client.post(`/api/invites/${viewerLink.token}/accept`);
    expect(self.json.workspace.role).toBe('owner');
    // A viewer following an editor link is raised to editor, without using it up.
    changes.length = 0;
    const raised = await vera.client.post(`/api/invites/${editorLink.token}/accept`);
    expect(raised.json.workspace.role).toBe('editor');
    expect(changes).toEqual([{ workspaceId, userId: vera.id, role: 'editor' }]);
    // ...and following a viewer link afterwards does not lower her.
    expect(
      (await vera.client.post(`/api/invites/${viewerLink.token}/accept`)).json.workspace.role
    ).toBe('editor');

    const invites = (await owner.client.get(`/api/workspaces/${workspaceId}/members`)).json
      .invites as { id: string; uses: number }[];
    expect(invites.find((i) => i.id === viewerLink.id)!.uses).toBe(0);
    expect(invites.find((i) => i.id === editorLink.id)!.uses).toBe(0);
    const newcomer = await api.person('Новичок');
    expect(
      (await newcomer.client.post(`/api/invites/${editorLink.token}/accept`)).json.workspace.role
    ).toBe('editor');
  });
});
