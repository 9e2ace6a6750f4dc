/**
 * The JavaScript each main route makes a browser load, gzip-compressed, as a first visit meets it
 * (fresh browser context, no service worker, no cache). Targets: the first page (the home page of
 * a signed-in member, and the sign-in page of a guest) ≤ 150 KB; the editor's code (Tiptap and
 * ProseMirror) loaded only on a document's page.
 *
 *   npx vite build && npm run bench:bundle
 *   npm run bench:bundle -- --out /tmp/bundle.json
 *
 * Needs a build (the server serves BUILD_DIR, ./build by default). Prints JSON, then one line per
 * route; exits 1 when a target is missed.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.js';
import { createWorkspace, signUp } from '../e2e/fixtures/accounts.ts';
import { ServerProcess } from '../e2e/fixtures/server.ts';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const OUT = outAt >= 0 ? args[outAt + 1] : undefined;

const FIRST_PAGE_LIMIT_KB = 150;

type RouteLoad = {
  route: string;
  files: number;
  rawKB: number;
  gzipKB: number;
  /** Whether Tiptap/ProseMirror code came with the route. */
  editor: boolean;
  /** The five largest files, gzip KB: where to look first. */
  largest: { file: string; gzipKB: number }[];
};

/** ProseMirror's view names its classes with this prefix; no other code of the app does. */
const EDITOR_MARK = 'ProseMirror-';

async function load(
  browser: Browser,
  storageState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined,
  url: string,
  ready: string,
  route: string
): Promise<RouteLoad> {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    serviceWorkers: 'block',
    storageState
  });
  const page = await context.newPage();
  const bodies = new Map<string, Buffer>();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && !response.url().endsWith('.js')) return;
    pending.push(
      response
        .body()
        .then((body) => void bodies.set(response.url(), body))
        .catch(() => undefined)
    );
  });
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  // Chunks the route imports after its first paint (lazy parts of the page) count too.
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
  let raw = 0;
  let gzip = 0;
  let editor = false;
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
  const sizes: { file: string; gzipKB: number }[] = [];
  for (const [url, body] of bodies) {
    const packed = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += packed;
    sizes.push({ file: new URL(url).pathname.split('/').pop()!, gzipKB: kb(packed) });
    if (body.includes(EDITOR_MARK)) editor = true;
  }
  const largest = sizes
    .sort((a, b) => b.gzipKB - a.gzipKB)
    .slice(0, Number(process.env.BUNDLE_LIST ?? 5));
  return { route, files: bodies.size, rawKB: kb(raw), gzipKB: kb(gzip), editor, largest };
}

const server = new ServerProcess();
const browser = await chromium.launch(chromiumLaunchOptions);
let failed = false;
try {
  const baseUrl = await server.start();
  const member = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await signUp(member, baseUrl, 'Лобанова Людмила');
  await createWorkspace(member, baseUrl, 'Сеть учреждений Белгорода');
  const setup = await member.newPage();
  await setup.goto(baseUrl + '/');
  await setup.getByTestId('create-document').click();
  await setup.getByTestId('create-confirm').click();
  await setup.waitForURL(/\/doc\?id=/);
  const docPath = new URL(setup.url()).pathname + new URL(setup.url()).search;
  await setup.locator('.ProseMirror').waitFor();
  const state = await member.storageState();
  await member.close();

  const routes: [string, string][] = [
    ['/', '[data-testid="create-document"]'],
    [docPath, '.ProseMirror'],
    ['/search', 'main'],
    ['/calendar', '[data-testid="month-view"]'],
    ['/partners', 'main'],
    ['/projects', 'main'],
    ['/map', 'main'],
    ['/report', 'main']
  ];
  const results: RouteLoad[] = [];
  for (const [path, ready] of routes) {
    results.push(
      await load(browser, state, baseUrl + path, ready, path.startsWith('/doc') ? '/doc' : path)
    );
  }
  results.push(
    await load(browser, undefined, baseUrl + '/signin', 'input', '/signin (signed out)')
  );

  const misses: string[] = [];
  for (const r of results) {
    const first = r.route === '/' || r.route.startsWith('/signin');
    if (first && r.gzipKB > FIRST_PAGE_LIMIT_KB)
      misses.push(`${r.route}: ${r.gzipKB} KB > ${FIRST_PAGE_LIMIT_KB} KB`);
    if (r.route !== '/doc' && r.editor) misses.push(`${r.route}: loads the editor`);
    if (r.route === '/doc' && !r.editor) misses.push(`/doc: the editor's code was not seen`);
  }
  const result = {
    bench: 'bundle',
    target: `first page ≤ ${FIRST_PAGE_LIMIT_KB} KB gzip; the editor only with a document`,
    routes: results,
    misses
  };
  console.log(JSON.stringify(result, null, 2));
  if (OUT) writeFileSync(OUT, JSON.stringify(result, null, 2));
  for (const r of results)
    console.log(
      `${r.route.padEnd(22)} ${String(r.gzipKB).padStart(7)} KB gzip in ${r.files} files` +
        ` (${r.rawKB} KB raw)${r.editor ? ', with the editor' : ''}`
    );
  if (misses.length > 0) {
    console.log(`missed: ${misses.join('; ')}`);
    failed = true;
  } else console.log('bundle: targets met');
} finally {
  await browser.close();
  await server.dispose();
}
process.exit(failed ? 1 : 0);
