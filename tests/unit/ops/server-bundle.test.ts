import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { buildServer, serverBundlePath } from '../../../scripts/build-server.js';
import { SqliteStorage } from '../../../server/storage/SqliteStorage.ts';
import { writerThreadProgram } from '../../../server/storage/SqliteWriter.ts';
import { makeTempDir } from '../helpers/relay.ts';

/** Bundling and a cold start on a busy two-core machine. */
const TIMEOUT = 90_000;

describe('OP6 npm start runs the server as a bundle with plain node', () => {
  // Inside the project, as `build/` is: the packages left outside the bundle resolve from here.
  const buildDir = path.resolve(
    'node_modules/.cache',
    `uzel-bundle-${randomBytes(4).toString('hex')}`
  );
  const data = makeTempDir();
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    await buildServer(buildDir);
    // The app is not what this test looks at: a handler of its own stands in for the build.
    writeFileSync(
      path.join(buildDir, 'handler.js'),
      'export const handler = (req, res, next) => next();\n'
    );
  }, TIMEOUT);

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(buildDir, { recursive: true, force: true });
    data.remove();
  });

  it(
    'OP6 the bundle starts without a TypeScript loader, is ready, and stops cleanly on SIGTERM',
    async () => {
      const bundle = serverBundlePath(buildDir);
      expect(readFileSync(bundle, 'utf8')).not.toMatch(/from ["'][^"']+\.ts["']/);
      mkdirSync(path.join(data.dir, 'data'));
      const server = spawn(process.execPath, [bundle], {
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: path.join(data.dir, 'data'),
          BUILD_DIR: buildDir,
          SAMPLE_DATA: 'off',
          LOG_LEVEL: 'warn',
          NODE_OPTIONS: ''
        },
        stdio: ['ignore', 'pipe', 'pipe']
      });
      child = server;
      let stderr = '';
      server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (found) resolve(found[0]);
        });
        server.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });

      const cmdline = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0');
      expect(cmdline.filter(Boolean)).toEqual([process.execPath, bundle]);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.text()).toContain('ready');

      const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      child = null;
    },
    TIMEOUT
  );

  it(
    'OP6 the SQLite writer thread is an entry of the bundle, next to index.mjs, and writes with plain node',
    async () => {
      const bundleDir = path.dirname(serverBundlePath(buildDir));
      const thread = path.join(bundleDir, 'sqliteWriterThread.mjs');
      // Where the bundled SqliteWriter looks for it, from an entry or from a shared chunk.
      for (const from of ['index.mjs', 'chunks/chunk-ABC123.mjs']) {
        expect(writerThreadProgram(pathToFileURL(path.join(bundleDir, from)).href).href).toBe(
          pathToFileURL(thread).href
        );
      }
      expect(readFileSync(thread, 'utf8')).not.toMatch(/from ["'][^"']+\.ts["']/);

      // The file and its schema as the server creates them; then an append and a compaction
      // through the bundled thread, started by a plain node process.
      const file = path.join(data.dir, 'writer.sqlite');
      await new SqliteStorage(file).close();
      const doc = new Y.Doc();
      doc.getText('t').insert(0, 'привет');
      const update = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
      const script = `
        import { Worker } from 'node:worker_threads';
        const worker = new Worker(${JSON.stringify(thread)}, {
          execArgv: [],
          workerData: { file: ${JSON.stringify(file)}, synchronous: 'full' }
        });
        const replies = [];
        worker.on('message', (reply) => {
          replies.push(reply);
          if (reply.id === 3) console.log(JSON.stringify(replies));
        });
        const packed = new Uint8Array(Buffer.from(${JSON.stringify(update)}, 'base64'));
        const batch = { rooms: ['w/doc'], lengths: [packed.byteLength], packed, claims: [null] };
        worker.postMessage({ id: 1, op: 'append', batch });
        worker.postMessage({ id: 2, op: 'compact', room: 'w/doc' });
        worker.postMessage({ id: 3, op: 'close' });
      `;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: bundleDir,
        env: { ...process.env, NODE_OPTIONS: '' },
        encoding: 'utf8'
      });
      expect(JSON.parse(out)).toEqual([{ id: 1, seqs: [1] }, { id: 2 }, { id: 3 }]);

      const storage = new SqliteStorage(file);
      try {
        const stored = await storage.load('w/doc');
        expect(stored.updates).toEqual([]);
        const read = new Y.Doc();
        Y.applyUpdate(read, stored.snapshot!);
        expect(read.getText('t').toString()).toBe('привет');
      } finally {
        await storage.close();
      }
    },
    TIMEOUT
  );

  it('OP6 the systemd unit runs the bundle as npm start does', () => {
    const unit = readFileSync('deploy/uzel.service', 'utf8');
    const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1]?.split(/\s+/);
    expect(execStart).toEqual(['/usr/bin/node', 'build/uzel-server/index.mjs']);
  });
});
