import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const main = path.resolve(here, '../helpers/relayMain.ts');

/**
 * For a test that starts a server process and registers people: a cold tsx start and three scrypt
 * hashes take seconds on a busy two-core machine (the admin command's process tests allow as much).
 */
export const PROCESS_TEST_TIMEOUT = 60_000;

/** Tests run as root on CI; permissions only bind an unprivileged user, so the server runs as one. */
const NOBODY = 65534;

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote on stderr so far (its log). */
  log(): string;
  stdout(): string;
  stop(): Promise<void>;
};

/**
 * The server in its own Node process, configured from `env`, as `npm start` runs it (minus the web
 * app): its real logger writes to a real stderr that the test reads. With `unprivileged`, and when
 * the test runs as root, the process runs as `nobody`, owning `dataDir`.
 */
export function startServerProcess(
  dataDir: string,
  env: Record<string, string>,
  options: { unprivileged?: boolean } = {}
): Promise<ServerProcess> {
  const asNobody = options.unprivileged === true && process.getuid?.() === 0;
  if (asNobody) chownSync(dataDir, NOBODY, NOBODY);
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: repoRoot,
    env: {
      ...process.env,
      // tsx keeps a cache under the temp folder; nobody needs its own.
      ...(asNobody ? { TMPDIR: dataDir, HOME: dataDir } : {}),
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
      DATA_DIR: dataDir
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {})
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start:\n${stderr}`));
    }, 45_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${stderr}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout
        .split('\n')
        .slice(0, -1)
        .find((l) => l.startsWith('http://'));
      if (!line) return;
      clearTimeout(timer);
      resolve({
        url: line.trim(),
        child,
        log: () => stderr,
        stdout: () => stdout,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        }
      });
    });
  });
}
