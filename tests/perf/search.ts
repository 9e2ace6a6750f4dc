/**
 * `npm run bench:search`: the offline search index on generated workspaces of Russian documents
 * (~2 KB each, built from the seed text). Measures the index build, saving and loading, updating
 * one document, query latency over a mix of queries, and memory; prints JSON and a summary.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { SearchEngine } from '../../src/lib/search/SearchEngine.ts';
import { corpusOf, makeDocument, random, seedText, type Corpus } from './search/corpus.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: process.env.BENCH_SIZES ?? '1000,10000' },
    queries: { type: 'string', default: process.env.BENCH_QUERIES ?? '600' },
    seed: { type: 'string', default: process.env.BENCH_SEED_DIR ?? '../shared/seed' }
  }
});
const sizes = values.sizes.split(',').map(Number);
const queryCount = Number(values.queries);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(queryCount > 0)) {
  console.error('Usage: npm run bench:search -- [--sizes 1000,10000] [--queries 600] [--seed dir]');
  process.exit(2);
}

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const median = (list: number[]) =>
  quantile(
    [...list].sort((a, b) => a - b),
    0.5
  );

type Kind = 'prefix' | 'inflected' | 'fuzzy' | 'twoWords';

/** Queries a person would type: a word being typed, another form of a word, a typo, two words. */
function queries(corpus: Corpus, rnd: () => number): { kind: Kind; text: string }[] {
  const words = corpus.words.filter((w) => w.length >= 6);
  const word = () => words[Math.floor(rnd() * words.length)]!.toLowerCase();
  const kinds: Kind[] = ['prefix', 'inflected', 'fuzzy', 'twoWords'];
  return Array.from({ length: queryCount }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const w = word();
    if (kind === 'prefix') return { kind, text: w.slice(0, 3 + Math.floor(rnd() * 3)) };
    if (kind === 'inflected') {
      // Another ending on the same stem, as in «краеведение» → «краеведения».
      const endings = ['ами', 'ы', 'ой', 'ого', 'е', 'ия', 'ом'];
      return { kind, text: `${w.slice(0, -2)}${endings[i % endings.length]} ` };
    }
    if (kind === 'fuzzy') {
      const at = 1 + Math.floor(rnd() * (w.length - 2));
      return { kind, text: `${w.slice(0, at)}${w[at + 1]}${w[at]}${w.slice(at + 2)} ` };
    }
    return { kind, text: `${w} ${word().slice(0, 4)}` };
  });
}

function run(size: number, corpus: Corpus) {
  const rnd = random(size);
  const docs = Array.from({ length: size }, (_, i) => makeDocument(corpus, rnd, i));
  const textBytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);

  const heapBefore = heap();
  let t = performance.now();
  const engine = new SearchEngine();
  for (const doc of docs) engine.put(doc);
  const buildMs = performance.now() - t;
  const heapAfter = heap();

  t = performance.now();
  const json = engine.toJSON();
  const serialiseMs = performance.now() - t;
  t = performance.now();
  SearchEngine.load(json, docs);
  const loadMs = performance.now() - t;

  // Updating one document: a changed text replaces the old one (what an edit costs the worker).
  const updates: number[] = [];
  for (let i = 0; i < 100; i++) {
    const target = docs[Math.floor(rnd() * docs.length)]!;
    const changed = { ...makeDocument(corpus, rnd, 0), id: target.id, updatedAt: size + i };
    t = performance.now();
    engine.put(changed);
    updates.push(performance.now() - t);
  }

  const mix = queries(corpus, rnd);
  for (const q of mix.slice(0, 50)) engine.search({ text: q.text }); // warm-up (JIT)
  const byKind = new Map<Kind, number[]>();
  const all: number[] = [];
  let hits = 0;
  for (const q of mix) {
    t = performance.now();
    const result = engine.search({ text: q.text });
    const ms = performance.now() - t;
    hits += result.total;
    all.push(ms);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
  }
  all.sort((a, b) => a - b);
  const kinds = Object.fromEntries(
    [...byKind].map(([kind, list]) => {
      list.sort((a, b) => a - b);
      return [kind, { p50: round(quantile(list, 0.5)), p95: round(quantile(list, 0.95)) }];
    })
  );
  return {
    documents: size,
    textMB: round(textBytes / 1e6, 1),
    buildMs: Math.round(buildMs),
    buildPerDocMs: round(buildMs / size, 3),
    updateOneMs: {
      p50: round(median(updates), 3),
      p95: round(
        quantile(
          updates.sort((a, b) => a - b),
          0.95
        ),
        3
      )
    },
    queryMs: {
      p50: round(quantile(all, 0.5)),
      p95: round(quantile(all, 0.95)),
      max: round(all.at(-1)!)
    },
    queryMsByKind: kinds,
    meanMatches: Math.round(hits / mix.length),
    heapMB: gc ? round((heapAfter - heapBefore) / 1e6, 1) : null,
    serialisedMB: round(Buffer.byteLength(json) / 1e6, 1),
    serialiseMs: Math.round(serialiseMs),
    loadMs: Math.round(loadMs)
  };
}

const corpus = corpusOf(seedText(values.seed));
const results = sizes.map((size) => run(size, corpus));
console.log(JSON.stringify({ node: process.version, queries: queryCount, results }, null, 2));
console.log('\nSearch benchmark (one process, one core; queries include snippets of the top 50)');
for (const r of results) {
  const ok = (v: number, target: number) => (v < target ? 'ok' : 'MISSED');
  console.log(
    `${String(r.documents).padStart(6)} docs (${r.textMB} MB text): build ${r.buildMs} ms, ` +
      `update one ${r.updateOneMs.p50} ms p50 / ${r.updateOneMs.p95} ms p95 [<5 ms ${ok(r.updateOneMs.p95, 5)}], ` +
      `query ${r.queryMs.p50} ms p50 / ${r.queryMs.p95} ms p95 [<20 ms ${ok(r.queryMs.p95, 20)}], ` +
      `heap ${r.heapMB ?? '?'} MB, saved ${r.serialisedMB} MB (write ${r.serialiseMs} ms, load ${r.loadMs} ms)`
  );
}
