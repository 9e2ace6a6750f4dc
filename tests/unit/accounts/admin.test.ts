import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { ApiServer } from './apiServer.ts';

type Run = { code: number; stdout: string; stderr: string; lastLine: string };

/** `node --import tsx server/admin.ts …` (or `npm run admin -- …`) on a data folder. */
function admin(dataDir: string, args: string[], env: Record<string, string> = {}, viaNpm = false) {
  const [command, argv] = viaNpm
    ? ['npm', ['run', '--silent', 'admin', '--', ...args]]
    : [process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args]];
  return new Promise<Run>((resolve) => {
    execFile(
      command as string,
      argv as string[],
      { env: { ...process.env, ...env, DATA_DIR: dataDir }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const lines = stdout.trimEnd().split('\n');
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout,
          stderr,
          lastLine: lines[lines.length - 1]!.trim()
        });
      }
    );
  });
}

/** A workspace made by the admin command; its id is the last line. */
async function createWorkspace(dataDir: string, name: string): Promise<string> {
  const run = await admin(dataDir, ['create-workspace', name]);
  expect(run.code, run.stderr).toBe(0);
  return run.lastLine;
}

describe('admin command', () => {
  const defer = deferCleanup();
  const folder = () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    return tmp.dir;
  };

  it('AC18 create-workspace and token print their value on the last line; the running server accepts the token', async () => {
    const dataDir = folder();
    const api = await ApiServer.start(defer, { dataDir });
    const created = await admin(dataDir, ['create-workspace', 'Сеть учреждений Кирова'], {}, true);
    expect(created.code, created.stderr).toBe(0);
    const workspaceId = created.lastLine;
    expect(workspaceId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    const issued = await admin(dataDir, ['token', '--workspace', workspaceId, '--role', 'editor']);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stderr).toBe('');
    const principal = await api.accounts.access.authenticate({
      cookieHeader: undefined,
      token: issued.lastLine
    });
    expect(principal).toMatchObject({
      displayName: 'Сервисный доступ',
      via: 'token',
      token: { workspaceId, role: 'editor' }
    });
    expect(principal!.token!.expiresAt - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(await api.accounts.access.roleIn(principal!, workspaceId)).toBe('editor');

    // The same name in the same workspace is the same service member; another name is another.
    const again = await admin(dataDir, ['token', '--workspace', workspaceId, '--role', 'viewer']);
    const named = await admin(dataDir, [
      'token',
      '--workspace',
      workspaceId,
      '--role',
      'viewer',
      '--name',
      'Табло в холле'
    ]);
    const auth = (token: string) =>
      api.accounts.access.authenticate({ cookieHeader: undefined, token });
    const againPrincipal = (await auth(again.lastLine))!;
    const namedPrincipal = (await auth(named.lastLine))!;
    expect(againPrincipal.userId).toBe(principal!.userId);
    expect(await api.accounts.access.roleIn(againPrincipal, workspaceId)).toBe('viewer');
    // Asking for a viewer token did not demote the member the editor token belongs to.
    expect(await api.accounts.access.roleIn(principal!, workspaceId)).toBe('editor');
    expect(namedPrincipal.userId).not.toBe(principal!.userId);
    expect(namedPrincipal.displayName).toBe('Табло в холле');

    const members = await api.accounts.members(principal!.userId, workspaceId);
    expect(members.map((m) => [m.user.displayName, m.user.kind, m.user.email, m.role])).toEqual([
      ['Сервисный доступ', 'service', null, 'editor'],
      ['Табло в холле', 'service', null, 'viewer']
    ]);
  }, 60_000);

  it('AC18 works while no server runs; TOKEN_TTL_MINUTES sets the lifetime', async () => {
    const dataDir = folder();
    const workspaceId = await createWorkspace(dataDir, 'Архив');
    const issued = await admin(dataDir, ['token', '--workspace', workspaceId, '--role', 'viewer'], {
      TOKEN_TTL_MINUTES: '5'
    });
    expect(issued.code, issued.stderr).toBe(0);
    const api = await ApiServer.start(defer, { dataDir });
    const principal = await api.accounts.access.authenticate({
      cookieHeader: undefined,
      token: issued.lastLine
    });
    const left = principal!.token!.expiresAt - Date.now();
    expect(left).toBeGreaterThan(3 * 60_000);
    expect(left).toBeLessThanOrEqual(5 * 60_000);
    expect(await api.accounts.access.roleIn(principal!, workspaceId)).toBe('viewer');
  }, 60_000);

  it('AC18 help prints the usage; bad arguments and unknown workspaces exit 2 with a message', async () => {
    const dataDir = folder();
    const help = await admin(dataDir, ['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create-workspace "<name>"');
    expect(help.stdout).toContain('token --workspace <id> --role editor|viewer');

    const workspaceId = await createWorkspace(dataDir, 'Сеть');
    const cases: [string[], string, Record<string, string>?][] = [
      [[], 'Usage'],
      [['launch'], 'Unknown command "launch"'],
      [['toString'], 'Unknown command'],
      [['create-workspace'], 'exactly one argument'],
      [['create-workspace', 'a', 'b'], 'exactly one argument'],
      [['create-workspace', '   '], 'workspace name must not be empty'],
      [['token', '--role', 'editor'], '--workspace'],
      [['token', '--workspace', workspaceId], '--role editor|viewer'],
      [['token', '--workspace', workspaceId, '--role', 'owner'], '--role editor|viewer'],
      [['token', '--workspace', workspaceId, '--role', 'editor', '--colour', 'red'], "'--colour'"],
      [
        ['token', '--workspace', 'noSuchWorkspace', '--role', 'editor'],
        'No workspace with this id'
      ],
      [['token', '--workspace', '../x', '--role', 'editor'], 'No workspace with this id'],
      [
        ['token', '--workspace', workspaceId, '--role', 'editor'],
        'TOKEN_TTL_MINUTES',
        {
          TOKEN_TTL_MINUTES: 'soon'
        }
      ]
    ];
    // Two at a time, as many as the cores of a small server: a dozen Node starts at once only
    // measure the machine.
    const runs: Run[] = [];
    for (let i = 0; i < cases.length; i += 2) {
      const pair = cases.slice(i, i + 2).map(([args, , env]) => admin(dataDir, args, env));
      runs.push(...(await Promise.all(pair)));
    }
    for (const [i, [args, message]] of cases.entries()) {
      const run = runs[i]!;
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
      if (args.length > 0) expect(run.stdout, args.join(' ')).toBe('');
    }
  }, 240_000);

  it('AC19 the signing key is created once, private, and shared by the admin command and the server', async () => {
    const dataDir = folder();
    const workspaceId = await createWorkspace(dataDir, 'Сеть');
    const [one, two] = await Promise.all([
      admin(dataDir, ['token', '--workspace', workspaceId, '--role', 'editor', '--name', 'Один']),
      admin(dataDir, ['token', '--workspace', workspaceId, '--role', 'editor', '--name', 'Два'])
    ]);
    const key = statSync(path.join(dataDir, 'secret.key'));
    expect(key.mode & 0o777).toBe(0o600);
    expect(key.size).toBe(32);
    const api = await ApiServer.start(defer, { dataDir });
    for (const run of [one!, two!]) {
      expect(run.code, run.stderr).toBe(0);
      const principal = await api.accounts.access.authenticate({
        cookieHeader: undefined,
        token: run.lastLine
      });
      expect(principal).not.toBeNull();
    }
    expect(statSync(path.join(dataDir, 'secret.key')).mtimeMs).toBe(key.mtimeMs);
    expect(statSync(path.join(dataDir, 'accounts.sqlite')).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('AC22 create-workspace --owner gives the workspace to a registered person, who then manages it', async () => {
    const dataDir = folder();
    const api = await ApiServer.start(defer, { dataDir });
    const metodist = await api.person('Методист Центра');
    const created = await admin(dataDir, [
      'create-workspace',
      'Сеть библиотек',
      '--owner',
      metodist.email.toUpperCase()
    ]);
    expect(created.code, created.stderr).toBe(0);
    const members = await metodist.client.get(`/api/workspaces/${created.lastLine}/members`);
    expect(members.status).toBe(200);
    expect((members.json as { members: { role: string }[] }).members).toEqual([
      expect.objectContaining({ userId: metodist.id, role: 'owner' })
    ]);

    const unknown = await admin(dataDir, [
      'create-workspace',
      'Ещё одна',
      '--owner',
      'nobody@example.org'
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--owner must be the e-mail of a registered person');
  });
});
