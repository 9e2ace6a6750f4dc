/**
 * Uzel instances as an operator runs them: `node --import tsx server/index.ts` (what `npm run
 * serve` does, the built app included), each with its own DATA_DIR and port, all on one
 * PostgreSQL database and one Redis. An instance can be killed with SIGKILL (no flush, no
 * goodbye) and started again on the same port, where nginx expects it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from './nginx.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type Instance = {
  index: number;
  port: number;
  /** 127.0.0.1:<port>, as nginx's access log names it. */
  address: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** SIGKILL: whatever the instance held only in memory is gone. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** SIGTERM: the instance flushes and exits as on a normal shutdown. */
  stop(): Promise<void>;
};

export function defineInstance(options: {
  index: number;
  port: number;
  dataDir: string;
  env: Record<string, string>;
}): Instance {
  const { index, port, dataDir, env } = options;
  mkdirSync(dataDir, { recursive: true });
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    log = '';
    const process_ = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SAMPLE_DATA: 'off',
        // The cluster tests register several people; the registration rules are tested alone.
        REGISTRATION: 'open',
        // As behind any TLS-terminating proxy: adapter-node learns the scheme and address here.
        PROTOCOL_HEADER: 'x-forwarded-proto',
        ADDRESS_HEADER: 'x-forwarded-for',
        ...env
      },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    child = process_;
    process_.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`instance ${index} did not start within 60 s:\n${log}`)),
        60_000
      );
      process_.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`instance ${index} exited at start (${code ?? signal}):\n${log}`));
      });
      createInterface({ input: process_.stdout! }).on('line', (line) => {
        if (line.startsWith('Узел работает')) {
          clearTimeout(timer);
          process_.removeAllListeners('exit');
          resolve();
        }
      });
    });
  };

  return {
    index,
    port,
    address: `127.0.0.1:${port}`,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    kill: async () => {
      if (child) await stopChild(child, 'SIGKILL');
    },
    start,
    stop: async () => {
      if (child) await stopChild(child, 'SIGTERM');
    }
  };
}
