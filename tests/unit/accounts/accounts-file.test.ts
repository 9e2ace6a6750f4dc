import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../../server/accounts/Accounts.ts';
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
});
