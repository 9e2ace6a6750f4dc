import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { Accounts } from '../../../server/accounts/Accounts.ts';
import { hashPassword } from '../../../server/accounts/passwords.ts';
import { hashToken } from '../../../server/accounts/secrets.ts';
import { SqliteFeedTokens } from '../../../server/calendar/SqliteFeedTokens.ts';
import { ACCOUNTS_SCHEMA } from '../../../server/accounts/store/accountsSchema.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';

describe('the accounts file', () => {
  const defer = deferCleanup();
  const open = (dataDir: string) =>
    new Accounts({ dataDir, sessionTtlMs: 60_000, syncTokenTtlMs: 60_000 });

  it('AC21 gets the current schema once, in WAL mode, and keeps its data across reopening', async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const first = open(tmp.dir);
    const user = await first.register({
      email: 'anna@example.org',
      password: 'пароль-для-проверки',
      displayName: 'Анна'
    });
    const workspace = await first.createWorkspace('Сеть', user.id);
    await first.close();
    await first.close();

    const second = open(tmp.dir);
    defer(() => second.close());
    expect(await second.workspaces(user.id)).toEqual([
      { id: workspace.id, name: 'Сеть', role: 'owner' }
    ]);
    const db = new Database(path.join(tmp.dir, 'accounts.sqlite'), { readonly: true });
    defer(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(ACCOUNTS_SCHEMA.sqlite.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('AC21 a file from a newer schema is refused with a clear message', () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const db = new Database(path.join(tmp.dir, 'accounts.sqlite'));
    db.pragma(`user_version = ${ACCOUNTS_SCHEMA.sqlite.length + 1}`);
    db.close();
    expect(() => open(tmp.dir)).toThrow(/written by a newer Uzel/);
  });

  it('AC23 files written before the stores existed (schema 1) open as they are, with their people, sessions, invites and feed links', async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    // As the previous release left them: its own open routine, schema 1, world-readable feeds.
    const old = new Database(path.join(tmp.dir, 'accounts.sqlite'));
    old.pragma('journal_mode = WAL');
    old.exec(ACCOUNTS_SCHEMA.sqlite[0]!);
    old.pragma('user_version = 1');
    const now = Date.now();
    old
      .prepare(
        `INSERT INTO users (id, email, display_name, password_hash, kind, created_at)
         VALUES ('annaId', 'anna@example.org', 'Анна', ?, 'person', ?)`
      )
      .run(await hashPassword('пароль-для-проверки'), now);
    old.prepare("INSERT INTO workspaces VALUES ('wsOld', 'Сеть', ?)").run(now);
    old.prepare("INSERT INTO memberships VALUES ('wsOld', 'annaId', 'owner', ?)").run(now);
    old
      .prepare("INSERT INTO sessions VALUES (?, 'annaId', ?, ?)")
      .run(hashToken('old-session'), now, now + 3_600_000);
    old
      .prepare(
        `INSERT INTO invites (id, token_hash, workspace_id, role, created_by, created_at, expires_at)
         VALUES ('inviteOld', ?, 'wsOld', 'viewer', 'annaId', ?, ?)`
      )
      .run(hashToken('old-invite'), now, now + 3_600_000);
    old.close();
    const feeds = new Database(path.join(tmp.dir, 'calendar-feeds.sqlite'));
    feeds.exec(`CREATE TABLE calendar_feeds (
       id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
       created_by TEXT, created_at INTEGER NOT NULL, revoked_at INTEGER);
     CREATE INDEX calendar_feeds_by_workspace ON calendar_feeds (workspace_id, revoked_at);`);
    feeds
      .prepare("INSERT INTO calendar_feeds VALUES ('feedOld', 'wsOld', ?, 'annaId', ?, NULL)")
      .run(hashToken('old-feed'), now);
    feeds.pragma('user_version = 1');
    feeds.close();

    const accounts = open(tmp.dir);
    defer(() => accounts.close());
    const anna = await accounts.login('anna@example.org', 'пароль-для-проверки');
    expect(anna).toMatchObject({ id: 'annaId', displayName: 'Анна' });
    expect((await accounts.resumeSession('old-session'))!.user.id).toBe('annaId');
    expect(await accounts.workspaces('annaId')).toEqual([
      { id: 'wsOld', name: 'Сеть', role: 'owner' }
    ]);
    expect(await accounts.inviteInfo('old-invite')).toEqual({
      workspaceName: 'Сеть',
      role: 'viewer',
      status: 'valid'
    });
    const tokens = SqliteFeedTokens.open(tmp.dir);
    defer(() => tokens.close());
    expect(await tokens.byToken('old-feed')).toMatchObject({ id: 'feedOld', workspaceId: 'wsOld' });
    for (const file of ['accounts.sqlite', 'calendar-feeds.sqlite']) {
      const db = new Database(path.join(tmp.dir, file), { readonly: true });
      defer(() => db.close());
      // The accounts file is brought up to today's schema (reset links, deleted accounts).
      const current = file === 'accounts.sqlite' ? ACCOUNTS_SCHEMA.sqlite.length : 1;
      expect(db.pragma('user_version', { simple: true }), file).toBe(current);
      // Opened as every store file is: private to the server's user from now on.
      expect(statSync(path.join(tmp.dir, file)).mode & 0o777, file).toBe(0o600);
    }
  });
});
