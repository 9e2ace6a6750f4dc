// `npm test`: static checks, a fresh build (the browser tests need the service worker, which
// exists only in a build), unit and relay tests, the chaos check, then the browser tests. Prints one closing line
// "N passed, N failed" counted from the runners' JSON reports; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';

const RESULTS = 'test-results';
// The tests build and serve their own copy of the app: a server running from this checkout on
// `build/` must not have its scripts replaced under it.
process.env.BUILD_DIR = 'build-test';
const UNIT_REPORT = `${RESULTS}/unit.json`;
const E2E_REPORT = `${RESULTS}/e2e.json`;

function run(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

rmSync(UNIT_REPORT, { force: true });
rmSync(E2E_REPORT, { force: true });
mkdirSync(RESULTS, { recursive: true });

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const problems = [];
if (!run('Checks (svelte-check, eslint, prettier)', npm, ['run', '--silent', 'check']))
  problems.push('checks');
const built = run('Build', process.execPath, [
  'node_modules/vite/bin/vite.js',
  'build',
  '--logLevel',
  'warn'
]);
if (!built) problems.push('build');

const unitRan = run('Unit and relay tests (Vitest)', process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${UNIT_REPORT}`
]);
// Several instances behind nginx, one killed every few seconds and Redis restarted once: exits
// non-zero on any acknowledged edit lost or doubled, or a room that did not converge. Bounded
// (about 40 s of chaos, with start and rebuild 1.5-2 minutes on a shared 2-core machine).
const chaos = built
  ? run('Chaos check (npm run chaos, bounded)', process.execPath, [
      '--import',
      'tsx',
      'tests/chaos/chaos.ts',
      '--seconds',
      '40'
    ])
  : null;
if (built)
  run('Browser tests (Playwright, Chromium)', process.execPath, [
    'node_modules/@playwright/test/cli.js',
    'test'
  ]);

// The names of what failed, gathered next to the closing line: a long run's log is often read
// only from its end.
function failedUnitTests(report) {
  const names = [];
  for (const file of report.testResults ?? []) {
    const path = relative(process.cwd(), file.name);
    const failures = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failures) names.push(`${path} › ${test.fullName ?? test.title}`);
    // A file that failed outside any test (an import error, a failing hook) has none of its own.
    if (failures.length === 0 && file.status === 'failed') names.push(`${path} (the file itself)`);
  }
  return names;
}

function failedBrowserTests(report) {
  const names = [];
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected' || test.status === 'flaky')
          names.push(
            `${spec.file}:${spec.line} › ${spec.title} (${test.projectName || 'chromium'})`
          );
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return names;
}

let passed = 0;
let failed = 0;
const failures = [];
const unit = readJson(UNIT_REPORT);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  failures.push(...failedUnitTests(unit));
  // Vitest also fails on an error thrown outside any test (an unhandled rejection, a socket
  // error nobody listened for); the report counts no test for it.
  if (!unitRan && unit.numFailedTests === 0)
    problems.push('Vitest reported errors outside the tests');
  if (unit.numTotalTests === 0) problems.push('no unit tests ran');
} else problems.push('no Vitest report');
const e2e = existsSync(E2E_REPORT) ? readJson(E2E_REPORT) : null;
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  failures.push(...failedBrowserTests(e2e));
  if (e2e.stats.expected + e2e.stats.unexpected === 0) problems.push('no browser tests ran');
} else problems.push('no Playwright report');
if (chaos === true) passed++;
else if (chaos === false) {
  failed++;
  problems.push('chaos check');
}

if (failures.length > 0)
  console.log(`\nFailed:\n${failures.map((name) => `  ✘ ${name}`).join('\n')}`);
if (problems.length > 0) console.log(`\nProblems: ${problems.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
