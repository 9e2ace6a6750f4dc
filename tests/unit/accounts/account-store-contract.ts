import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountError } from '../../../server/accounts/AccountError.ts';
import { Accounts } from '../../../server/accounts/Accounts.ts';
import { newAccountId } from '../../../server/accounts/ids.ts';
import { sessionKey } from '../../../server/accounts/RelayAccess.ts';
import { hashToken } from '../../../server/accounts/secrets.ts';
import type { AccountStore } from '../../../server/accounts/store/AccountStore.ts';
import { makeTempDir } from '../helpers/relay.ts';

/**
 * How the contract reaches one engine: every `open` gives a store with its own connection (a
 * second SQLite connection, a second PostgreSQL pool) on the same data, as a second server
 * process would have; `destroy` closes them all and removes the data.
 */
export type AccountStoreFactory = () => Promise<{
  open(): Promise<AccountStore>;
  destroy(): Promise<void>;
}>;

const HOUR = 3_600_000;

/** A clock the test moves, shared by every Accounts in a test like the wall clock is. */
function movableClock(start = Date.UTC(2026, 10, 2, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/**
 * AS1–AS12: what every AccountStore engine keeps, proven through the store and through Accounts on
 * top of it (the rules people meet), so SQLite and PostgreSQL cannot drift apart.
 */
export function runAccountStoreContract(name: string, makeFactory: AccountStoreFactory): void {
  describe(`account store contract: ${name}`, () => {
    let handle: Awaited<ReturnType<AccountStoreFactory>>;
    let store: AccountStore;
    let secretDir: ReturnType<typeof makeTempDir>;
    const clock = movableClock();

    /** Accounts as one server process has it: its own connection, one shared signing key. */
    const accountsOn = (on: AccountStore, sessionTtlMs = 10 * HOUR) =>
      new Accounts({
        dataDir: secretDir.dir,
        store: on,
        sessionTtlMs,
        syncTokenTtlMs: HOUR,
        now: clock.now
      });

    const person = (accounts: Accounts, n: number | string, displayName = `Участник ${n}`) =>
      accounts.register({
        email: `person${n}@example.org`,
        password: 'пароль-для-проверки',
        displayName
      });

    beforeEach(async () => {
      secretDir = makeTempDir();
      handle = await makeFactory();
      store = await handle.open();
    });

    afterEach(async () => {
      await store.close();
      await handle.destroy();
      secretDir.remove();
    });

    it('AS1 people: stored as given, found by id and e-mail, an e-mail taken once, profiles change', async () => {
      const id = newAccountId();
      const anna = await store.users.insertPerson(id, {
        email: 'anna@example.org',
        displayName: 'Анна Ёлкина',
        passwordHash: 'hash-1',
        now: clock.now()
      });
      expect(anna).toEqual({
        id,
        email: 'anna@example.org',
        displayName: 'Анна Ёлкина',
        institution: '',
        kind: 'person'
      });
      expect(await store.users.get(id)).toEqual(anna);
      expect(await store.users.withPassword('anna@example.org')).toEqual({
        user: anna,
        passwordHash: 'hash-1'
      });
      const again = store.users.insertPerson(newAccountId(), {
        email: 'anna@example.org',
        displayName: 'Другая',
        passwordHash: 'hash-2',
        now: clock.now()
      });
      await expect(again).rejects.toThrow(AccountError);
      await expect(again).rejects.toMatchObject({ code: 'email_taken' });

      const service = await store.users.insertService(newAccountId(), 'Сервисный доступ', 1);
      expect(service).toMatchObject({ email: null, kind: 'service' });
      // A service member has no e-mail and cannot sign in.
      expect(await store.users.withPassword('')).toBeNull();

      const changed = await store.users.update(id, { institution: 'Дом культуры «Север»' });
      expect(changed).toEqual({ ...anna, institution: 'Дом культуры «Север»' });
      expect(await store.users.update(id, { displayName: 'Анна' })).toMatchObject({
        displayName: 'Анна',
        institution: 'Дом культуры «Север»'
      });
      expect(await store.users.update('noSuchPerson', { displayName: 'Икс' })).toBeNull();
      expect(await store.users.get('noSuchPerson')).toBeNull();
    });

    it('AS2 sessions: a resumed session slides past half-life, ends at expiry, and expired rows go at the next sign-in', async () => {
      const accounts = accountsOn(store, 10 * HOUR);
      const user = await person(accounts, 1);
      const first = await accounts.startSession(user.id);
      expect(first.expiresAt).toBe(clock.now() + 10 * HOUR);

      clock.advance(4 * HOUR);
      expect(await accounts.resumeSession(first.token)).toMatchObject({
        user,
        expiresAt: first.expiresAt,
        renewed: false
      });
      clock.advance(2 * HOUR);
      const renewed = await accounts.resumeSession(first.token);
      expect(renewed).toMatchObject({ renewed: true, expiresAt: clock.now() + 10 * HOUR });
      expect(await accounts.access.sessionExpiresAt(`uzel_session=${first.token}`)).toBe(
        renewed!.expiresAt
      );

      const second = await accounts.startSession(user.id);
      clock.advance(10 * HOUR);
      expect(await accounts.resumeSession(first.token)).toBeNull();
      expect(await accounts.resumeSession(second.token)).toBeNull();
      expect(await accounts.access.sessionExpiresAt(`uzel_session=${second.token}`)).toBeNull();
      // Both rows are still there until someone signs in, which clears every ended session.
      expect(await store.sessions.get(hashToken(first.token))).not.toBeNull();
      const third = await accounts.startSession(user.id);
      expect(await store.sessions.get(hashToken(first.token))).toBeNull();
      expect(await store.sessions.get(hashToken(second.token))).toBeNull();
      expect(await accounts.resumeSession(third.token)).toMatchObject({ user });

      await accounts.endSession(third.token);
      expect(await accounts.resumeSession(third.token)).toBeNull();
      expect(await accounts.resumeSession('x'.repeat(300))).toBeNull();
    });

    it('AS3 workspaces and members: roles, the listing orders, and one membership per person', async () => {
      const accounts = accountsOn(store);
      const owner = await person(accounts, 'owner');
      // Latin letters sort without regard to case, as on SQLite; others by code point.
      const names = ['beta', 'Alpha', 'Сеть', 'alpha', 'Библиотека'];
      const made = [];
      for (const n of names) made.push(await accounts.createWorkspace(n, owner.id));
      expect(await accounts.workspaceCount()).toBe(names.length);
      const listed = await accounts.workspaces(owner.id);
      expect(listed.map((w) => w.name.toLowerCase())).toEqual([
        'alpha',
        'alpha',
        'beta',
        'библиотека',
        'сеть'
      ]);
      const alphas = listed.slice(0, 2).map((w) => w.id);
      expect(alphas).toEqual([...alphas].sort());
      expect(listed.every((w) => w.role === 'owner')).toBe(true);

      const ws = made[2]!;
      expect(await store.workspaces.get(ws.id)).toEqual(ws);
      const members = [
        await person(accounts, 'boris', 'Участник Борис'),
        await person(accounts, 'alla', 'Участник Алла')
      ];
      for (const m of members) await store.workspaces.setMember(ws.id, m.id, 'viewer', 1);
      await store.workspaces.setMember(ws.id, members[0]!.id, 'editor', 2);
      expect(await store.workspaces.role(ws.id, members[0]!.id)).toBe('editor');
      expect(
        (await accounts.members(owner.id, ws.id)).map((m) => [m.user.displayName, m.role])
      ).toEqual([
        ['Участник owner', 'owner'],
        ['Участник Борис', 'editor'],
        ['Участник Алла', 'viewer']
      ]);
      expect(await store.workspaces.ownerCount(ws.id)).toBe(1);
      await store.workspaces.removeMember(ws.id, members[1]!.id);
      expect(await store.workspaces.role(ws.id, members[1]!.id)).toBeNull();
      expect(await accounts.workspace(members[1]!.id, ws.id)).toBeNull();
      expect(await accounts.workspaceName(ws.id)).toBe('Сеть');
      expect(await accounts.workspaceExists('noSuchWorkspace')).toBe(false);

      // The admin command's service member is created once and only ever raised.
      const service = await accounts.ensureServiceMember(ws.id, 'Сервис', 'viewer');
      expect(await accounts.ensureServiceMember(ws.id, 'Сервис', 'editor')).toEqual(service);
      expect(await accounts.ensureServiceMember(ws.id, 'Сервис', 'viewer')).toEqual(service);
      expect(await store.workspaces.serviceMember(ws.id, 'Сервис')).toEqual({
        user: service,
        role: 'editor'
      });
    });

    it('AS4 invites: found by token hash, listed newest first, revoked once, used up at their limit', async () => {
      const accounts = accountsOn(store);
      const owner = await person(accounts, 'owner');
      const ws = await accounts.createWorkspace('Сеть', owner.id);
      const older = await accounts.createInvite(owner.id, ws.id, {
        role: 'viewer',
        expiresInHours: 1,
        maxUses: null
      });
      clock.advance(1000);
      const newer = await accounts.createInvite(owner.id, ws.id, {
        role: 'editor',
        expiresInHours: 24,
        maxUses: 2
      });
      expect((await accounts.invites(owner.id, ws.id)).map((i) => i.id)).toEqual([
        newer.invite.id,
        older.invite.id
      ]);
      expect(await store.invites.byTokenHash(hashToken(newer.token))).toEqual({
        id: newer.invite.id,
        workspaceId: ws.id,
        role: 'editor',
        createdAt: newer.invite.createdAt,
        expiresAt: newer.invite.createdAt + 24 * HOUR,
        maxUses: 2,
        uses: 0,
        revokedAt: null
      });
      expect(await accounts.inviteInfo(newer.token)).toEqual({
        workspaceName: 'Сеть',
        role: 'editor',
        status: 'valid'
      });

      expect(await store.invites.use(newer.invite.id)).toBe(true);
      expect(await store.invites.use(newer.invite.id)).toBe(true);
      expect(await store.invites.use(newer.invite.id)).toBe(false);
      expect((await accounts.inviteInfo(newer.token))!.status).toBe('used_up');

      const revokedAt = clock.advance(1000);
      await accounts.revokeInvite(owner.id, ws.id, older.invite.id);
      clock.advance(1000);
      expect(await store.invites.revoke(ws.id, older.invite.id, clock.now())).toBe(true);
      expect((await store.invites.byTokenHash(hashToken(older.token)))!.revokedAt).toBe(revokedAt);
      expect(await store.invites.revoke(ws.id, 'noSuchInvite', clock.now())).toBe(false);
      await expect(accounts.revokeInvite(owner.id, ws.id, 'noSuchInvite')).rejects.toMatchObject({
        code: 'not_found'
      });
      expect(await accounts.inviteInfo('no-such-token')).toBeNull();
    });

    it('AS5 a transaction that throws leaves nothing behind, and transactions run one at a time', async () => {
      const accounts = accountsOn(store);
      const owner = await person(accounts, 'owner');
      const boom = new Error('half way');
      await expect(
        store.transaction(async ({ workspaces }) => {
          await workspaces.insert('halfDoneWorkspace', 'Наполовину', 1);
          await workspaces.setMember('halfDoneWorkspace', owner.id, 'owner', 1);
          throw boom;
        })
      ).rejects.toBe(boom);
      expect(await store.workspaces.get('halfDoneWorkspace')).toBeNull();
      expect(await accounts.workspaces(owner.id)).toEqual([]);

      // Read, pause, write: two of these on two connections would both read the same count if
      // they overlapped, and name two owners alike.
      const other = await handle.open();
      try {
        const ws = await accounts.createWorkspace('Счётчик', owner.id);
        const addOwner = (on: AccountStore) =>
          on.transaction(async ({ users, workspaces }) => {
            const count = await workspaces.ownerCount(ws.id);
            await new Promise((resolve) => setTimeout(resolve, 20));
            const next = await users.insertService(newAccountId(), `Владелец ${count + 1}`, 1);
            await workspaces.setMember(ws.id, next.id, 'owner', 1);
          });
        await Promise.all([addOwner(store), addOwner(other), addOwner(store), addOwner(other)]);
        const owners = (await store.workspaces.members(ws.id)).map((m) => m.user.displayName);
        expect(owners.sort()).toEqual([
          'Владелец 2',
          'Владелец 3',
          'Владелец 4',
          'Владелец 5',
          'Участник owner'
        ]);
      } finally {
        await other.close();
      }
    });

    it('AS6 concurrent invite redemption from two processes never exceeds the invite’s uses', async () => {
      const other = await handle.open();
      const here = accountsOn(store);
      const there = accountsOn(other);
      try {
        const owner = await person(here, 'owner');
        const ws = await here.createWorkspace('Сеть', owner.id);
        const { token } = await here.createInvite(owner.id, ws.id, {
          role: 'editor',
          expiresInHours: 24,
          maxUses: 3
        });
        const people = [];
        for (let i = 0; i < 8; i++) people.push(await person(i % 2 ? here : there, i));
        const results = await Promise.allSettled(
          people.map((p, i) => (i % 2 ? there : here).acceptInvite(p.id, token))
        );
        const joined = results.filter((r) => r.status === 'fulfilled');
        const refused = results.filter((r) => r.status === 'rejected');
        expect(joined).toHaveLength(3);
        for (const r of refused) expect(r.reason).toMatchObject({ code: 'used_up' });
        expect((await store.invites.byTokenHash(hashToken(token)))!.uses).toBe(3);
        expect(await here.members(owner.id, ws.id)).toHaveLength(4);
      } finally {
        await other.close();
      }
    });

    it('AS7 two processes on one database see each other’s sessions, sign-outs and role changes at once', async () => {
      const other = await handle.open();
      const here = accountsOn(store);
      const there = accountsOn(other);
      try {
        const owner = await person(here, 'owner');
        const editor = await person(there, 'editor');
        const ws = await there.createWorkspace('Сеть', owner.id);
        const { token } = await here.createInvite(owner.id, ws.id, {
          role: 'editor',
          expiresInHours: 24,
          maxUses: null
        });
        await there.acceptInvite(editor.id, token);

        const session = await here.startSession(editor.id);
        const cookieHeader = `uzel_session=${session.token}`;
        const principal = await there.access.authenticate({ cookieHeader, token: null });
        expect(principal).toMatchObject({
          userId: editor.id,
          via: 'session',
          sessionKey: sessionKey(session.token)
        });
        expect(await there.access.roleIn(principal!, ws.id)).toBe('editor');

        await here.changeRole(owner.id, ws.id, editor.id, 'viewer');
        expect(await there.access.roleIn(principal!, ws.id)).toBe('viewer');
        const sync = (await there.access.issueSyncToken(editor.id, ws.id))!;
        const viaToken = await here.access.authenticate({
          cookieHeader: undefined,
          token: sync.token
        });
        expect(await here.access.roleIn(viaToken!, ws.id)).toBe('viewer');

        await there.removeMember(owner.id, ws.id, editor.id);
        expect(await here.access.roleIn(principal!, ws.id)).toBeNull();
        expect(await here.access.roleIn(viaToken!, ws.id)).toBeNull();

        await there.endSession(session.token);
        expect(await here.access.authenticate({ cookieHeader, token: null })).toBeNull();
        expect(await here.access.sessionExpiresAt(cookieHeader)).toBeNull();
      } finally {
        await other.close();
      }
    });

    it('AS8 everything survives close and reopen', async () => {
      const accounts = accountsOn(store);
      const owner = await person(accounts, 'owner');
      const ws = await accounts.createWorkspace('Сеть', owner.id);
      const session = await accounts.startSession(owner.id);
      await store.close();
      store = await handle.open();
      const reopened = accountsOn(store);
      expect(await reopened.login('personowner@example.org', 'пароль-для-проверки')).toEqual(owner);
      expect((await reopened.resumeSession(session.token))!.user).toEqual(owner);
      expect(await reopened.workspaces(owner.id)).toEqual([
        { id: ws.id, name: 'Сеть', role: 'owner' }
      ]);
    });

    it('AS10 a password change ends the other sessions, and tells the relay which ones', async () => {
      const accounts = accountsOn(store);
      const owner = await person(accounts, 'pw');
      const kept = await accounts.startSession(owner.id);
      const other = await accounts.startSession(owner.id);
      const ended: string[] = [];
      accounts.access.onSessionEnded((key) => ended.push(key));
      await expect(
        accounts.credentials.changePassword(owner, 'не тот пароль', 'Новый-пароль-2027', kept.token)
      ).rejects.toMatchObject({ code: 'wrong_password' });
      await accounts.credentials.changePassword(
        owner,
        'пароль-для-проверки',
        'Новый-пароль-2027',
        kept.token
      );
      expect(ended).toEqual([sessionKey(other.token)]);
      expect(await accounts.resumeSession(other.token)).toBeNull();
      expect((await accounts.resumeSession(kept.token))!.user.id).toBe(owner.id);
      expect(await accounts.login('personpw@example.org', 'пароль-для-проверки')).toBeNull();
      expect(await accounts.login('personpw@example.org', 'Новый-пароль-2027')).toEqual(owner);
    });

    it('AS11 a reset link is stored hashed, works once and until it expires, and ends every session', async () => {
      const accounts = accountsOn(store);
      const owner = await person(accounts, 'r');
      const session = await accounts.startSession(owner.id);
      const link = (await accounts.credentials.linkForEmail('PersonR@example.org'))!;
      expect(await store.resets.byTokenHash(link.token)).toBeNull();
      expect(await store.resets.byTokenHash(hashToken(link.token))).toMatchObject({
        userId: owner.id,
        usedAt: null
      });
      expect(await accounts.credentials.linkForEmail('nobody@example.org')).toBeNull();
      await accounts.credentials.resetPassword(link.token, 'Сброшенный-пароль-1');
      expect(await accounts.resumeSession(session.token)).toBeNull();
      expect(await accounts.login('personr@example.org', 'Сброшенный-пароль-1')).toEqual(owner);
      await expect(
        accounts.credentials.resetPassword(link.token, 'Ещё-один-пароль-2')
      ).rejects.toMatchObject({ code: 'used_up' });
      const late = (await accounts.credentials.linkForEmail('personr@example.org'))!;
      clock.advance(24 * HOUR + 1);
      expect((await accounts.credentials.resetInfo(late.token))!.status).toBe('expired');
      await expect(
        accounts.credentials.resetPassword(late.token, 'Ещё-один-пароль-2')
      ).rejects.toMatchObject({ code: 'expired' });
      expect(await accounts.login('personr@example.org', 'Сброшенный-пароль-1')).toEqual(owner);
    });

    it('AS12 a deleted account keeps only its id: no name, e-mail, sessions, memberships or links', async () => {
      const accounts = accountsOn(store);
      const owner = await person(accounts, 'o');
      const leaving = await person(accounts, 'd', 'Дарья Уходящая');
      const ws = await accounts.createWorkspace('Сеть', owner.id);
      await store.workspaces.setMember(ws.id, leaving.id, 'editor', clock.now());
      const session = await accounts.startSession(leaving.id);
      await accounts.credentials.linkForEmail('persond@example.org');
      await accounts.deletion.deleteMember(owner.id, ws.id, leaving.id);
      expect(await store.users.get(leaving.id)).toBeNull();
      expect(await store.users.withPassword('persond@example.org')).toBeNull();
      expect(await accounts.resumeSession(session.token)).toBeNull();
      expect((await accounts.members(owner.id, ws.id)).map((m) => m.user.id)).toEqual([owner.id]);
      expect(await accounts.deletedAmong([leaving.id, owner.id, 'нет'])).toEqual([leaving.id]);
      // The workspace remembers whom it lost (ids only), so its devices sign their comments so.
      expect(await accounts.deletedMembers(owner.id, ws.id)).toEqual([leaving.id]);
      // The address is free again: the person may come back as someone new.
      const back = await person(accounts, 'd', 'Дарья');
      expect(back.id).not.toBe(leaving.id);
      // The last owner of a workspace others use cannot leave it ownerless.
      await store.workspaces.setMember(ws.id, back.id, 'viewer', clock.now());
      await expect(accounts.deletion.deleteOwn(owner, 'не тот пароль')).rejects.toMatchObject({
        code: 'wrong_password'
      });
      await expect(accounts.deletion.deleteOwn(owner, 'пароль-для-проверки')).rejects.toMatchObject(
        { code: 'last_owner' }
      );
      await accounts.changeRole(owner.id, ws.id, back.id, 'owner');
      await accounts.deletion.deleteOwn(owner, 'пароль-для-проверки');
      expect(await accounts.deletedAmong([owner.id])).toEqual([owner.id]);
    });
  });
}
