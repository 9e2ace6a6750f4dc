// `npm run bench`: every benchmark of the project, one after another, each with its defaults.
// A benchmark is a package.json script named `bench:<name>`; run one alone with its own options,
// e.g. `npm run bench:relay -- --docs 50`. `npm run bench -- search tree` runs only those.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
const wanted = process.argv.slice(2);
const benches = Object.keys(scripts)
  .filter((name) => name.startsWith('bench:'))
  .filter((name) => wanted.length === 0 || wanted.includes(name.slice('bench:'.length)));

if (benches.length === 0) {
  console.error(`bench: nothing matches ${wanted.join(', ')}`);
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const failed = [];
for (const name of benches) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(npm, ['run', '--silent', name], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nbench: failed: ${failed.join(', ')}`);
  process.exit(1);
}
