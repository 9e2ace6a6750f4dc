// The production path, checked on a clean copy: build once here (with the devDependencies), copy
// the tracked files and the build to a temporary folder, install production dependencies only
// (`npm ci --omit=dev`), start it with `npm start` and check that it serves the app, the relay and
// the public pages. Run by `.ci/run` after `npm test`; exits non-zero on any failure.
//
// better-sqlite3 compiles from source for minutes; by default the copy takes the add-on this
// checkout built (same locked version, same Node), installing everything else with
// `--ignore-scripts`. `PRODUCTION_CHECK_COMPILE=1` compiles it in the copy instead, as a server
// would (used to check a new Node version).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { serverBundlePath } from './build-server.js';

const root = path.resolve(import.meta.dirname, '..');
const copy = mkdtempSync(path.join(tmpdir(), 'uzel-production-'));
const compile = process.env.PRODUCTION_CHECK_COMPILE === '1';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(title) {
  console.log(`\n▶ ${title}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
}

function check(condition, what) {
  if (!condition) throw new Error(`production check failed: ${what}`);
  console.log(`  ✓ ${what}`);
}

async function main() {
  step('Build (npm run build, with the devDependencies)');
  const buildDir = path.join(copy, 'build');
  run(npm, ['run', '--silent', 'build'], {
    cwd: root,
    env: { ...process.env, BUILD_DIR: buildDir }
  });
  // `npm start` runs this bundle with plain node; without the devDependencies it cannot make it.
  check(existsSync(serverBundlePath(buildDir)), 'the server is bundled (build/uzel-server)');

  step(`Clean copy of the tracked files in ${copy}`);
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(path.join(root, file))) continue;
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(copy, file));
  }

  step('npm ci --omit=dev');
  run(
    npm,
    [
      'ci',
      '--omit=dev',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      ...(compile ? [] : ['--ignore-scripts'])
    ],
    { cwd: copy }
  );
  if (!compile) {
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    mkdirSync(path.dirname(path.join(copy, addon)), { recursive: true });
    cpSync(path.join(root, addon), path.join(copy, addon));
  }
  check(!existsSync(path.join(copy, 'node_modules/vite')), 'no devDependency installed (vite)');
  check(!existsSync(path.join(copy, 'node_modules/@sveltejs/kit')), 'no @sveltejs/kit');

  step('npm start on production dependencies');
  const dataDir = path.join(copy, 'data');
  const server = spawn(npm, ['start', '--silent'], {
    cwd: copy,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SAMPLE_DATA: 'on' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${out}`)), 60_000);
      server.stdout.on('data', (chunk) => {
        out += chunk.toString();
        const found = /Узел работает: (http:\/\/\S+)/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)));
    });
    await checkServer(url);
  } finally {
    // The whole group: npm, scripts/start.js and the server it started.
    process.kill(-server.pid, 'SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

async function checkServer(url) {
  const page = await fetch(url);
  const html = await page.text();
  check(page.status === 200 && html.includes('<html'), `the app shell answers at ${url}`);
  const script = /(?:src|href)="(\/_app\/immutable\/[^"]+\.js)"/.exec(html)?.[1];
  check(script !== undefined, 'the shell names its scripts');
  check((await fetch(url + script)).status === 200, `its script ${script} is served`);
  check((await fetch(`${url}/sw.js`)).status === 200, 'the service worker is served');
  check((await (await fetch(`${url}/readyz`)).text()).startsWith('ready'), '/readyz is ready');

  const json = { origin: url, 'content-type': 'application/json' };
  const registered = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      email: 'metodist@example.org',
      password: 'Проверка-установки-2026',
      displayName: 'Методист'
    })
  });
  check(registered.status === 202, 'a person registers');
  const signedIn = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'metodist@example.org', password: 'Проверка-установки-2026' })
  });
  check(signedIn.status === 200, 'and signs in');
  const cookie = /uzel_session=[^;]+/.exec(signedIn.headers.get('set-cookie') ?? '')?.[0];
  const created = await fetch(`${url}/api/workspaces`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ name: 'Проверка установки' })
  });
  const workspaceId = (await created.json()).workspace?.id;
  check(created.status === 201 && workspaceId, 'a workspace is created (with the samples)');
  const token = await fetch(`${url}/api/workspaces/${workspaceId}/token`, {
    method: 'POST',
    headers: { ...json, cookie }
  });
  const syncToken = (await token.json()).token;
  check(typeof syncToken === 'string', 'a sync token is issued');

  // The relay: sync step 1 with an empty state vector; the server answers with its own step 1
  // and a step 2 carrying the workspace index the samples wrote.
  const frames = await new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `${url.replace(/^http/, 'ws')}/sync/${workspaceId}/index?token=${syncToken}`
    );
    const got = [];
    const timer = setTimeout(() => reject(new Error('no sync answer within 10 s')), 10_000);
    ws.on('open', () => ws.send(Uint8Array.of(0, 0, 1, 0)));
    ws.on('message', (data) => {
      got.push(new Uint8Array(data));
      if (got.some((f) => f[0] === 0 && f[1] === 1 && f.length > 8)) {
        clearTimeout(timer);
        ws.close(1000);
        resolve(got);
      }
    });
    ws.on('error', reject);
  });
  check(frames.length >= 1, 'the relay syncs a document over the websocket with ?token=');

  const sitemap = await fetch(`${url}/sitemap.xml`);
  check(
    sitemap.status === 200 && (await sitemap.text()).includes('<sitemapindex'),
    'the public sitemap is served'
  );
  const missing = await fetch(`${url}/p/net-takogo-sajta/`);
  check(
    missing.status === 404 && (await missing.text()).includes('<html'),
    'an unknown public page gets the public 404 page'
  );
}

try {
  await main();
  console.log('\nProduction install: ok');
} catch (err) {
  console.error(`\n${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  rmSync(copy, { recursive: true, force: true });
}
