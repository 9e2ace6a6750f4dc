// `npm start`: builds the app and the server's bundle when they are older than their sources,
// then runs the server with plain `node`. In a production install (`npm ci --omit=dev`) there is
// no Vite and no esbuild: the build made beforehand with `npm run build` is served as it is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildServer, serverBundlePath } from './build-server.js';

const BUILD_DIR = process.env.BUILD_DIR || 'build';
const BUILD_MARKER = path.join(BUILD_DIR, 'handler.js');
const SERVER_BUNDLE = serverBundlePath(BUILD_DIR);
const VITE = 'node_modules/vite/bin/vite.js';
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
// The server imports the shared model from src/lib as well.
const SERVER_SOURCES = ['server', 'src/lib/shared', 'package-lock.json'];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function isCurrent(marker, sources) {
  if (!existsSync(marker)) return false;
  const built = statSync(marker).mtimeMs;
  return sources.every((source) => newestMtime(source) <= built);
}

if (!existsSync(VITE)) {
  const missing = [BUILD_MARKER, SERVER_BUNDLE].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(
      `No build at ${missing.join(', ')}, and no Vite to make one (production dependencies only).\n` +
        'Run `npm run build` where the devDependencies are installed, then start again.'
    );
    process.exit(2);
  }
} else {
  if (!isCurrent(BUILD_MARKER, SOURCES)) {
    console.log('Сборка приложения… (building the app)');
    const result = spawnSync(process.execPath, [VITE, 'build'], {
      stdio: 'inherit'
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  // Vite empties the build folder, so the server's bundle is checked after it.
  if (!isCurrent(SERVER_BUNDLE, SERVER_SOURCES)) {
    console.log('Сборка сервера… (building the server)');
    await buildServer(BUILD_DIR);
  }
}

const server = spawn(process.execPath, [SERVER_BUNDLE], {
  stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
