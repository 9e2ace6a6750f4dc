// Bundles the server (`server/index.ts`, and `server/admin.ts` for the operator's commands) into
// `<BUILD_DIR>/uzel-server/`, so production runs it with plain `node`: no TypeScript loader thread
// and no transpiled sources held in memory (about 50 MiB less for an idle server, see
// tests/perf/RESULTS.md). Packages stay outside the bundle and load from node_modules as usual.
// Run by `npm run build` after Vite, and by `npm start` when the bundle is older than the sources.
import path from 'node:path';

export const SERVER_BUNDLE_DIR = 'uzel-server';

/**
 * Where the bundle of the given entry (`index` or `admin`) lives for a build folder.
 * @param {string} buildDir
 * @param {'index' | 'admin'} [entry]
 */
export function serverBundlePath(buildDir, entry = 'index') {
  return path.join(buildDir, SERVER_BUNDLE_DIR, `${entry}.mjs`);
}

/**
 * Bundles the server's entries into `<buildDir>/uzel-server/`.
 * @param {string} buildDir
 */
export async function buildServer(buildDir) {
  await bundleServerEntries(
    { index: 'server/index.ts', admin: 'server/admin.ts' },
    path.join(buildDir, SERVER_BUNDLE_DIR)
  );
}

/**
 * Bundles entries (name → source file) the way the server is bundled; also used by the
 * benchmarks for their own entry around the server. `outdir` must be inside the project, so
 * that the packages left outside the bundle resolve from its node_modules. The SQLite writer
 * thread's program is always an entry of its own beside them (see SqliteWriter).
 * @param {Record<string, string>} entryPoints
 * @param {string} outdir
 */
export async function bundleServerEntries(entryPoints, outdir) {
  // Loaded here: a production install (`--omit=dev`) has no esbuild, and only reads the paths.
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: path.resolve(import.meta.dirname, '..'),
    entryPoints: { ...entryPoints, sqliteWriterThread: 'server/storage/sqliteWriterThread.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Chunks for what the server imports on first use (Redis, PostgreSQL, mail, password
    // strength): a single file would load their packages at start.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // The server's own tsconfig extends SvelteKit's generated one, which a fresh checkout lacks.
    tsconfigRaw: { compilerOptions: { target: 'es2022', verbatimModuleSyntax: true } },
    logLevel: 'warning'
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer(process.env.BUILD_DIR || 'build');
}
