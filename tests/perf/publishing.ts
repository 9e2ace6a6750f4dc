/**
 * Public pages under load, in one process on 127.0.0.1: a published 20-page document (render time
 * cold and cached, bytes) and a catalogue of 1,000 published materials (a filter and a search
 * term). Prints JSON and a summary. Usage:
 *   npm run bench:publishing -- [--requests 200] [--materials 1000] [--pages 20]
 *     [--engine sqlite|postgres]
 * With `--engine postgres`, publications, files and history are in a fresh PostgreSQL database
 * (created at TEST_POSTGRES_URL's server and dropped afterwards), so the catalogue's search is
 * PostgreSQL's own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config.ts';
import { openContentStores, type ContentStores } from '../../server/contentStores.ts';
import { connectPostgres } from '../../server/db/postgres.ts';
import { createTestDatabase, type TestDatabase } from '../unit/helpers/postgres.ts';
import { createLogger } from '../../server/log.ts';
import { UzelServer } from '../../server/UzelServer.ts';
import { api, benchOwner } from './benchApi.ts';
import { DIRECTIONS } from '../../src/lib/shared/model/documentTypes.ts';
import { documentRoots, indexRoots } from '../../src/lib/shared/model/schema.ts';
import type { PinnedVersion } from '../../server/publishing/types.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    requests: { type: 'string', default: process.env.BENCH_REQUESTS ?? '200' },
    materials: { type: 'string', default: process.env.BENCH_MATERIALS ?? '1000' },
    pages: { type: 'string', default: process.env.BENCH_PAGES ?? '20' },
    engine: { type: 'string', default: process.env.BENCH_ENGINE ?? 'sqlite' }
  }
});
const REQUESTS = Number(values.requests);
const MATERIALS = Number(values.materials);
const PAGES = Number(values.pages);
const ENGINE = values.engine;
if (ENGINE !== 'sqlite' && ENGINE !== 'postgres') throw new Error('--engine is sqlite or postgres');
/** A typewritten page in Russian publishing: 1,800 characters with spaces. */
const PAGE_CHARS = 1800;

const WORDS =
  'мастер класс игрушка глина роспись народный промысел педагог учащиеся занятие материалы ножницы ткань кукла музей библиотека выставка творческий вечер концерт краеведение театр музыка робот конструктор история село ремесло узор'.split(
    ' '
  );
const INSTITUTIONS = [
  'Музей народной культуры',
  'Библиотека им. Лиханова',
  'МБУДО «Юность»',
  'Центр народного творчества «Сокол»',
  'Институт культуры'
];

let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function sentence(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(WORDS));
  const s = out.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    max: r(sorted.at(-1)!)
  };
}

/** A long methodology: headings, paragraphs with marks, lists, about PAGES × 1,800 characters. */
function writeLongDocument(doc: Y.Doc): number {
  const fragment = documentRoots.content(doc);
  const blocks: Y.XmlElement[] = [];
  let chars = 0;
  let section = 0;
  while (chars < PAGES * PAGE_CHARS) {
    if (chars >= section * PAGE_CHARS) {
      section++;
      const h = new Y.XmlElement('heading');
      h.setAttribute('level', 2 as unknown as string);
      h.insert(0, [new Y.XmlText(`Раздел ${section}. ${sentence(3)}`)]);
      blocks.push(h);
    }
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    const a = sentence(18);
    const b = sentence(6);
    t.insert(0, a);
    t.insert(a.length, ` ${b}`, { bold: {} });
    p.insert(0, [t]);
    blocks.push(p);
    chars += a.length + b.length + 1;
    if (random() < 0.2) {
      const list = new Y.XmlElement('bulletList');
      list.insert(
        0,
        [1, 2, 3].map(() => {
          const li = new Y.XmlElement('listItem');
          const lp = new Y.XmlElement('paragraph');
          const text = sentence(6);
          chars += text.length;
          lp.insert(0, [new Y.XmlText(text)]);
          li.insert(0, [lp]);
          return li;
        })
      );
      blocks.push(list);
    }
  }
  fragment.insert(0, blocks);
  return chars;
}

async function timeGet(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = new Uint8Array(await res.arrayBuffer());
  return { ms: performance.now() - started, bytes: body.length, status: res.status };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'uzel-bench-publishing-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SAMPLE_DATA: 'off'
  });
  let database: TestDatabase | null = null;
  let content: ContentStores | undefined;
  let pool: Awaited<ReturnType<typeof connectPostgres>> | null = null;
  if (ENGINE === 'postgres') {
    database = await createTestDatabase();
    pool = await connectPostgres(database.url);
    content = await openContentStores({ kind: 'postgres', pool }, config);
  }
  const server = new UzelServer({ config, log: createLogger('silent'), content });
  // Seeding 1,000 materials takes longer than Node's 5 s keep-alive: the client's pooled socket
  // must not be closed under the next request (ECONNRESET), which would measure nothing.
  server.http.keepAliveTimeout = 10 * 60_000;
  const base = await server.listen();
  try {
    const { cookie, workspaceId: ws } = await benchOwner(base);

    // --- a published 20-page document ---
    const doc = new Y.Doc();
    const chars = writeLongDocument(doc);
    const index = new Y.Doc();
    const entry = new Y.Map<unknown>();
    indexRoots.documents(index).set('long', entry);
    entry.set('title', 'Методическая разработка: народная игрушка в дополнительном образовании');
    entry.set('type', 'methodology');
    entry.set('createdAt', Date.now());
    entry.set('updatedAt', Date.now());
    entry.set('deletedAt', null);
    await server.storage.append([
      { room: `${ws}/long`, update: Y.encodeStateAsUpdate(doc) },
      { room: `${ws}/index`, update: Y.encodeStateAsUpdate(index) }
    ]);
    const published = await api(
      `${base}/api/workspaces/${ws}/publications/long/publish`,
      cookie,
      'POST',
      {}
    );
    const pagePath = published.json.publication.path as string;
    const pageUrl = base + pagePath;

    const cold: number[] = [];
    const cached: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) await timeGet(pageUrl); // warm the JIT, not the measure
    for (let i = 0; i < REQUESTS; i++) {
      server.publicSite.cache.clear();
      const r = await timeGet(pageUrl);
      cold.push(r.ms);
      bytes = r.bytes;
    }
    for (let i = 0; i < REQUESTS; i++) cached.push((await timeGet(pageUrl)).ms);
    const html = await (await fetch(pageUrl)).text();
    const gzipBytes = gzipSync(html).length;

    // --- a catalogue of 1,000 published materials ---
    const store = server.publishing.store;
    const started = performance.now();
    for (let i = 0; i < MATERIALS; i++) {
      const id = `m${i}`;
      const text = Array.from({ length: 12 }, () => sentence(12)).join('\n');
      const age = Math.floor(random() * 10) + 5;
      const pinned: PinnedVersion = {
        title: `${sentence(4).slice(0, -1)} №${i}`,
        type: pick(['methodology', 'masterClass', 'eventReport', 'localHistory'] as const),
        fields: {
          direction: pick(DIRECTIONS),
          audienceAge: `${age}–${age + 4} лет`,
          institution: pick(INSTITUTIONS),
          author: 'Юрченко О. Ф.'
        },
        content: { type: 'doc', content: [] },
        summary: text.slice(0, 240),
        text
      };
      await store.ensure(ws, id);
      await store.publish(
        ws,
        id,
        { licence: 'CC-BY-4.0', userId: 'bench', pinned, sourceHash: 'x' },
        Date.now() - i * 60_000
      );
    }
    const seedMs = performance.now() - started;
    // Nudge the generation as a real publication would, so the site's index is rebuilt.
    await api(`${base}/api/workspaces/${ws}/publications/long/publish`, cookie, 'POST', {});
    const slug = pagePath.split('/')[2]!;
    const catalogueBase = `${base}/p/${slug}/`;
    const firstBuild = await timeGet(catalogueBase);
    // The SQLite engine builds its search index on the first search after a change.
    const firstSearch = await timeGet(`${catalogueBase}?q=${encodeURIComponent('глина')}`);
    const filtered: number[] = [];
    const searched: number[] = [];
    const both: number[] = [];
    let catalogueBytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      filtered.push((await timeGet(`${catalogueBase}?direction=folkCulture&age=9`)).ms);
      searched.push(
        (await timeGet(`${catalogueBase}?q=${encodeURIComponent('игрушками из глины')}`)).ms
      );
      const r = await timeGet(
        `${catalogueBase}?q=${encodeURIComponent('роспись')}&direction=folkCulture&type=masterClass`
      );
      both.push(r.ms);
      catalogueBytes = r.bytes;
    }
    const feed = await timeGet(`${catalogueBase}feed.atom`);
    const sitemap = await timeGet(`${catalogueBase}sitemap.xml`);

    const result = {
      benchmark: 'publishing',
      engine: ENGINE,
      requests: REQUESTS,
      page: {
        pages: PAGES,
        characters: chars,
        htmlBytes: bytes,
        gzipBytes,
        coldMs: stats(cold),
        cachedMs: stats(cached)
      },
      catalogue: {
        materials: MATERIALS,
        seedMs: Math.round(seedMs),
        firstRequestMs: Math.round(firstBuild.ms),
        firstSearchMs: Math.round(firstSearch.ms),
        filterMs: stats(filtered),
        searchMs: stats(searched),
        searchAndFiltersMs: stats(both),
        htmlBytes: catalogueBytes,
        feedMs: Math.round(feed.ms),
        sitemapMs: Math.round(sitemap.ms),
        sitemapBytes: sitemap.bytes
      }
    };
    console.log(JSON.stringify(result, null, 2));
    const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
    console.log(
      `\n20-page page: ${(bytes / 1024).toFixed(1)} KB HTML (${(gzipBytes / 1024).toFixed(1)} KB gzip) [${ok(bytes < 100 * 1024)} < 100 KB]; ` +
        `render cold p50 ${result.page.coldMs.p50} ms / p95 ${result.page.coldMs.p95} ms; ` +
        `cached p50 ${result.page.cachedMs.p50} ms / p95 ${result.page.cachedMs.p95} ms [${ok(result.page.cachedMs.p95 < 50)} < 50 ms]\n` +
        `catalogue of ${MATERIALS} (${ENGINE}): first request ${result.catalogue.firstRequestMs} ms, ` +
        `first search ${result.catalogue.firstSearchMs} ms; ` +
        `filter p50/p95 ${result.catalogue.filterMs.p50}/${result.catalogue.filterMs.p95} ms; ` +
        `search ${result.catalogue.searchMs.p50}/${result.catalogue.searchMs.p95} ms; ` +
        `search+filters ${result.catalogue.searchAndFiltersMs.p50}/${result.catalogue.searchAndFiltersMs.p95} ms`
    );
  } finally {
    await server.close();
    await pool?.end();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
