import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from '../../cluster/freePort.ts';

/**
 * A redis-server of the test's own, on a free port on 127.0.0.1, keeping nothing on disk: a test
 * may kill and restart it without touching the machine's Redis, which others use.
 */
export type TestRedis = {
  url: string;
  port: number;
  /** SIGKILL, then a fresh server on the same port (pub/sub state is gone, as after a crash). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Starts it again on the same port after `stop`. */
  start(): Promise<void>;
};

const MISSING =
  'redis-server is not installed (the fan-out tests start their own). Install it with: apt-get install -y redis-server';

function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port}:\n${output}`));
    }, 10_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${MISSING}\n(${err.message})`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(child);
      }
    });
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

export async function startRedis(): Promise<TestRedis> {
  if (spawnSync('redis-server', ['--version']).error) throw new Error(MISSING);
  const port = await freePort();
  let child = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async () => {
      await kill(child);
      child = await launch(port);
    },
    stop: () => kill(child),
    start: async () => {
      child = await launch(port);
    }
  };
}
