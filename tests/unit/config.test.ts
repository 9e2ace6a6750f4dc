import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ensureDataDir, loadConfig } from '../../server/config.ts';
import { deferCleanup } from './helpers/cleanup.ts';
import { makeTempDir } from './helpers/relay.ts';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  const defer = deferCleanup();

  it.each([
    ['PORT', 'abc', 'must be a number'],
    ['PORT', '70000', 'must be between 0 and 65535'],
    ['PORT', '80.5', 'must be a whole number'],
    ['LOG_LEVEL', 'loud', 'must be one of debug, info, warn, error, silent'],
    ['ROOM_IDLE_MS', '0', 'must be greater than zero'],
    ['COMPACT_AFTER_UPDATES', 'many', 'must be a number'],
    ['MAX_MESSAGE_BYTES', '-1', 'must be greater than zero'],
    ['SQLITE_SYNC', 'off', 'must be full or normal'],
    ['ORIGIN', 'uzel.example.org/', 'must be an origin such as https://uzel.example.org']
  ])('CF1 %s=%s gives a ConfigError that names the variable and the rule', (name, value, rule) => {
    const err = configError({ [name]: value });
    expect(err.message).toContain(`${name}=${JSON.stringify(value)}: ${rule}`);
  });

  it('CF1 every bad value is reported at once', () => {
    const err = configError({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(err.message).toMatch(/^Invalid configuration:/);
    expect(err.message).toContain('PORT="abc"');
    expect(err.message).toContain('LOG_LEVEL="loud"');
  });

  it('FO1 REDIS_URL without DATABASE_URL is refused: instances sharing rooms must share storage', () => {
    const err = configError({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(err.message).toContain('REDIS_URL is set without DATABASE_URL');
    expect(() =>
      loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/uzel' })
    ).not.toThrow();
  });

  it('CF3 unset and empty variables take their defaults', () => {
    // The server and relay settings; others (accounts, sample data) are checked where they are used.
    const expected = {
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      logLevel: 'info',
      allowedOrigins: [],
      roomIdleMs: 10_000,
      compactAfterUpdates: 500,
      maxMessageBytes: 8 * 1024 * 1024,
      sqliteSync: 'full'
    };
    expect(loadConfig({})).toMatchObject(expected);
    expect(loadConfig({ PORT: '', LOG_LEVEL: '', DATA_DIR: '' })).toMatchObject(expected);
    expect(loadConfig({})).toEqual(loadConfig({ PORT: '', LOG_LEVEL: '', DATA_DIR: '' }));
  });

  it('CF3 values are parsed: numbers, an absolute data folder, a trimmed origin list', () => {
    const c = loadConfig({
      PORT: '0',
      DATA_DIR: 'var/uzel',
      ALLOWED_ORIGINS: ' https://a.example ,https://b.example,, ',
      ROOM_IDLE_MS: '250',
      SQLITE_SYNC: 'normal'
    });
    expect(c.port).toBe(0);
    expect(c.dataDir).toBe(path.resolve('var/uzel'));
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.roomIdleMs).toBe(250);
    expect(c.sqliteSync).toBe('normal');
  });

  it('CF2 ensureDataDir creates a missing folder, nested', () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const dir = path.join(tmp.dir, 'a', 'b', 'data');
    ensureDataDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('CF2 a DATA_DIR that cannot be a folder gives a ConfigError naming it', () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const file = path.join(tmp.dir, 'not-a-folder');
    writeFileSync(file, 'x');
    // Under a regular file: fails for every user, root included (permission bits would not).
    const dir = path.join(file, 'data');
    expect(() => ensureDataDir(dir)).toThrow(ConfigError);
    expect(() => ensureDataDir(dir)).toThrow(`DATA_DIR ${dir} is not a writable folder`);
    expect(() => ensureDataDir(file)).toThrow(ConfigError);
  });

  it('CF1 the server refuses to start on a bad value: exit code 2 and the message, nothing served', () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const dataDir = path.join(tmp.dir, 'data');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, PORT: 'abc', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 15_000
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PORT="abc": must be a number');
    expect(run.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('log', () => {
  function logLines(level: string): string[] {
    const script = `const { createLogger } = await import('./server/log.ts');
      const log = createLogger(${JSON.stringify(level)});
      log.debug('d'); log.info('i', { room: 'w/d' }); log.warn('w'); log.error('e', { count: 2 });`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        timeout: 15_000
      }
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    return run.stderr.split('\n').filter(Boolean);
  }

  it('LG1 one JSON line per event on stderr; events below the level are dropped', () => {
    const lines = logLines('info').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.level)).toEqual(['info', 'warn', 'error']);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'i', room: 'w/d' });
    expect(lines[2]).toMatchObject({ level: 'error', msg: 'e', count: 2 });
    expect(Number.isNaN(Date.parse(String(lines[0]!.t)))).toBe(false);
  });

  it('LG1 silent writes nothing', () => {
    expect(logLines('silent')).toEqual([]);
  });
});
