// `npm start`: builds the app when there is no current build, then runs the server. In a
// production install (`npm ci --omit=dev`) there is no Vite: the build made beforehand with
// `npm run build` is served as it is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const BUILD_MARKER = path.join(process.env.BUILD_DIR || 'build', 'handler.js');
const VITE = 'node_modules/vite/bin/vite.js';
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIsCurrent() {
  if (!existsSync(BUILD_MARKER)) return false;
  const built = statSync(BUILD_MARKER).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) <= built);
}

if (!existsSync(VITE)) {
  if (!existsSync(BUILD_MARKER)) {
    console.error(
      `No build at ${BUILD_MARKER}, and no Vite to make one (production dependencies only).\n` +
        'Run `npm run build` where the devDependencies are installed, then start again.'
    );
    process.exit(2);
  }
} else if (!buildIsCurrent()) {
  console.log('Сборка приложения… (building the app)');
  const result = spawnSync(process.execPath, [VITE, 'build'], {
    stdio: 'inherit'
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
