import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../../server/accounts/Accounts.ts';
import { SyncTokenSigner } from '../../../server/accounts/syncTokens.ts';
import type { Principal } from '../../../server/accounts/types.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { ApiServer, TestClock } from './apiServer.ts';

const MINUTE = 60_000;

/** Accounts on a fresh folder, without a server: the relay's view of them. */
function openAccounts(defer: (task: () => unknown) => void, clock = new TestClock()) {
  const tmp = makeTempDir();
  defer(tmp.remove);
  const accounts = new Accounts({
    dataDir: tmp.dir,
    sessionTtlMs: 720 * 60 * MINUTE,
    syncTokenTtlMs: 60 * MINUTE,
    now: clock.now
  });
  defer(() => accounts.close());
  return { accounts, clock, dataDir: tmp.dir };
}

async function personIn(accounts: Accounts, workspaceId: string | null, name: string) {
  const user = await accounts.register({
    email: `${name}@example.org`,
    password: 'пароль-для-проверки',
    displayName: name
  });
  if (workspaceId) return { user, workspaceId };
  return { user, workspaceId: (await accounts.createWorkspace('Сеть', user.id)).id };
}

const withToken = (token: string) => ({ cookieHeader: undefined, token });

describe('sync tokens and the relay view of access', () => {
  const defer = deferCleanup();

  it('AC16 a member takes a sync token through the API; it authenticates as them for that workspace', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const editor = await api.member(owner.client, workspaceId, 'editor', 'Борис');
    const res = await editor.client.post(`/api/workspaces/${workspaceId}/token`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      token: expect.stringMatching(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/),
      expiresAt: api.clock.t + 60 * MINUTE
    });
    const principal = await api.accounts.access.authenticate(withToken(res.json.token));
    expect(principal).toEqual({
      userId: editor.id,
      displayName: 'Борис',
      via: 'token',
      token: { workspaceId, role: 'editor', expiresAt: res.json.expiresAt }
    });
    expect(await api.accounts.access.roleIn(principal!, workspaceId)).toBe('editor');
    // A token is for one workspace, even one its subject also belongs to.
    const other = (await editor.client.post('/api/workspaces', { name: 'Своё' })).json.workspace;
    expect(await api.accounts.access.roleIn(principal!, other.id)).toBeNull();
    expect((await api.client().post(`/api/workspaces/${workspaceId}/token`)).status).toBe(401);
  });

  it('AC16 the session cookie authenticates too; a bad token is a refusal, not a fall-back to the cookie', async () => {
    const api = await ApiServer.start(defer);
    const { owner, workspaceId } = await api.workspace();
    const cookieHeader = `theme=dark; ${owner.client.cookie}`;
    const principal = await api.accounts.access.authenticate({ cookieHeader, token: null });
    expect(principal).toMatchObject({
      userId: owner.id,
      displayName: 'Анна Лобанова',
      via: 'session'
    });
    // The session is named by a digest, never by its token.
    expect(principal?.sessionKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookieHeader).not.toContain(principal!.sessionKey!);
    expect(await api.accounts.access.roleIn(principal!, workspaceId)).toBe('owner');
    expect(await api.accounts.access.roleIn(principal!, 'unknownWorkspace')).toBeNull();
    expect(await api.accounts.access.roleIn(principal!, '../etc')).toBeNull();
    expect(await api.accounts.access.authenticate({ cookieHeader, token: 'v1.x.y' })).toBeNull();
    expect(
      await api.accounts.access.authenticate({ cookieHeader: undefined, token: null })
    ).toBeNull();
    expect(
      await api.accounts.access.authenticate({ cookieHeader: 'uzel_session=forged', token: null })
    ).toBeNull();
  });

  it('AC16 an expired token authenticates no one, and one that expires while in use loses its role', async () => {
    const { accounts, clock } = openAccounts(defer);
    const { user, workspaceId } = await personIn(accounts, null, 'anna');
    const { token, expiresAt } = (await accounts.access.issueSyncToken(user.id, workspaceId))!;
    const principal = (await accounts.access.authenticate(withToken(token)))!;
    expect(principal.token!.expiresAt).toBe(expiresAt);

    clock.advance(60 * MINUTE - 1);
    expect(await accounts.access.authenticate(withToken(token))).not.toBeNull();
    clock.advance(1);
    expect(await accounts.access.authenticate(withToken(token))).toBeNull();
    expect(await accounts.access.roleIn(principal, workspaceId)).toBeNull();
  });

  it('AC16 a token with a bad signature, another key, or changed claims authenticates no one', async () => {
    const { accounts, dataDir } = openAccounts(defer);
    const { user, workspaceId } = await personIn(accounts, null, 'anna');
    const { token } = (await accounts.access.issueSyncToken(user.id, workspaceId))!;
    const [version, payload, signature] = token.split('.') as [string, string, string];

    const flipped =
      signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    // Lived longer than it was given:
    const forgedClaims = Buffer.from(
      JSON.stringify({ ...claims, exp: Number(claims.exp) + 1e9 })
    ).toString('base64url');
    const foreignKey = new SyncTokenSigner(() => Buffer.alloc(32, 7)).sign({
      sub: user.id,
      ws: workspaceId,
      role: 'owner',
      exp: Date.now() + MINUTE
    });
    const bad = [
      `${version}.${payload}.${flipped}`,
      `${version}.${forgedClaims}.${signature}`,
      `v2.${payload}.${signature}`,
      `${version}.${payload}`,
      `${version}.${payload}.${signature}.extra`,
      foreignKey,
      '',
      'x'.repeat(10_000)
    ];
    for (const candidate of bad) {
      expect(await accounts.access.authenticate(withToken(candidate)), candidate).toBeNull();
    }
    expect(await accounts.access.authenticate(withToken(token))).not.toBeNull();
    // The key is what makes tokens ours: 32 bytes, readable by the owner only.
    const key = statSync(path.join(dataDir, 'secret.key'));
    expect(key.size).toBe(32);
    expect(key.mode & 0o777).toBe(0o600);
  });

  it('AC17 a token of a removed member gives no role; a re-added member gets no more than now', async () => {
    const { accounts } = openAccounts(defer);
    const anna = await personIn(accounts, null, 'anna');
    const { workspaceId } = anna;
    const invite = await accounts.createInvite(anna.user.id, workspaceId, {
      role: 'editor',
      expiresInHours: 1,
      maxUses: null
    });
    const boris = await personIn(accounts, workspaceId, 'boris');
    await accounts.acceptInvite(boris.user.id, invite.token);
    const { token } = (await accounts.access.issueSyncToken(boris.user.id, workspaceId))!;
    const principal = (await accounts.access.authenticate(withToken(token)))!;
    expect(await accounts.access.roleIn(principal, workspaceId)).toBe('editor');

    await accounts.removeMember(anna.user.id, workspaceId, boris.user.id);
    expect(await accounts.access.roleIn(principal, workspaceId)).toBeNull();
    expect(await accounts.access.issueSyncToken(boris.user.id, workspaceId)).toBeNull();

    // Back as a viewer: the old editor token now reads only.
    const viewerInvite = await accounts.createInvite(anna.user.id, workspaceId, {
      role: 'viewer',
      expiresInHours: 1,
      maxUses: null
    });
    await accounts.acceptInvite(boris.user.id, viewerInvite.token);
    expect(await accounts.access.roleIn(principal, workspaceId)).toBe('viewer');
  });

  it('AC17 a token never gives more than its own role, nor more than the current membership', async () => {
    const { accounts } = openAccounts(defer);
    const anna = await personIn(accounts, null, 'anna');
    const { workspaceId } = anna;
    // The owner asks for a read-only token (for a public display, say): it reads only.
    const readOnly = (await accounts.access.issueSyncToken(anna.user.id, workspaceId, 'viewer'))!;
    const annaViewer = (await accounts.access.authenticate(withToken(readOnly.token)))!;
    expect(annaViewer.token!.role).toBe('viewer');
    expect(await accounts.access.roleIn(annaViewer, workspaceId)).toBe('viewer');

    // A viewer cannot have a token for more, and a principal claiming more gets the membership.
    const boris = await personIn(accounts, workspaceId, 'boris');
    const invite = await accounts.createInvite(anna.user.id, workspaceId, {
      role: 'viewer',
      expiresInHours: 1,
      maxUses: null
    });
    await accounts.acceptInvite(boris.user.id, invite.token);
    const asked = (await accounts.access.issueSyncToken(boris.user.id, workspaceId, 'owner'))!;
    const principal = (await accounts.access.authenticate(withToken(asked.token)))!;
    expect(principal.token!.role).toBe('viewer');
    const claimed: Principal = { ...principal, token: { ...principal.token!, role: 'owner' } };
    expect(await accounts.access.roleIn(claimed, workspaceId)).toBe('viewer');
  });
});
