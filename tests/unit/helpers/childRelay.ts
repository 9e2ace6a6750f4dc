import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useAccounts } from './credentials.ts';
import type { RelayEnv } from './relay.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

export type ChildRelay = {
  url: string;
  syncUrl: string;
  child: ChildProcess;
  /** SIGKILL: no flush, no close, no exit handlers; what is on disk is all that is left. */
  kill(): Promise<void>;
};

/** Starts `relayMain.ts` in a separate Node process and resolves once it listens. */
export function spawnRelay(dataDir: string, env: RelayEnv = {}): Promise<ChildRelay> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'relayMain.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  return new Promise((resolve, reject) => {
    let stdout = '';
    let started = false;
    const timer = setTimeout(
      () => fail(new Error(`the relay process did not start:\n${stderr}`)),
      15_000
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.once('exit', (code) => {
      if (!started) fail(new Error(`the relay process exited with ${code}:\n${stderr}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Only complete lines: a chunk may end half way through the URL.
      const line = stdout
        .split('\n')
        .slice(0, -1)
        .find((l) => l.startsWith('http://'));
      if (!line || started) return;
      started = true;
      clearTimeout(timer);
      // Clients of the child carry tokens signed with the key in its data folder.
      useAccounts(dataDir);
      resolve({
        url: line.trim(),
        syncUrl: line.trim().replace(/^http/, 'ws') + '/sync',
        child,
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        }
      });
    });
  });
}
