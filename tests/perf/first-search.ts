/**
 * How long the first search of a visit takes when the search worker starts only on first use:
 * from pressing the header's search button (which starts the worker) to the first result shown,
 * typing at once, on a home page that was just reloaded. Run it against two builds to compare:
 *
 *   BUILD_DIR=build-before node --import tsx tests/perf/first-search.ts
 *   BUILD_DIR=build node --import tsx tests/perf/first-search.ts
 *
 * Prints JSON with every run and the median (ms).
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.js';
import { createDocument, insertAtEnd, waitSavedLocally } from '../e2e/fixtures/app.ts';
import { createWorkspace, signUp } from '../e2e/fixtures/accounts.ts';
import { ServerProcess } from '../e2e/fixtures/server.ts';

const DOCUMENTS = 12;
const RUNS = 7;

const server = new ServerProcess();
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const baseUrl = await server.start();
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await signUp(context, baseUrl, 'Лобанова Людмила');
  await createWorkspace(context, baseUrl, 'Сеть учреждений Белгорода');
  const page = await context.newPage();
  for (let i = 0; i < DOCUMENTS; i++) {
    await page.goto(baseUrl + '/');
    await createDocument(page, `Мастер-класс ${i}`);
    await insertAtEnd(page, `Народная тряпичная кукла-закрутка номер ${i}, глина и лоскуты.`);
    await waitSavedLocally(page);
  }
  // Let the worker (started with the documents) save its index, as a later visit finds it.
  await page.goto(baseUrl + '/search?q=' + encodeURIComponent('куклы'));
  await page.getByTestId('search-result').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2000);

  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(baseUrl + '/');
    await page.getByTestId('create-document').waitFor();
    await page.waitForLoadState('networkidle');
    const started = Date.now();
    await page.getByTestId('search-button').click();
    await page.getByTestId('header-search').fill('закрутки');
    await page.getByTestId('header-search').press('Enter');
    await page.getByTestId('search-result').first().waitFor({ timeout: 30_000 });
    times.push(Date.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'first-search',
      build: process.env.BUILD_DIR ?? 'build',
      documents: DOCUMENTS,
      runsMs: times,
      medianMs: sorted[Math.floor(sorted.length / 2)]
    })
  );
  await context.close();
} finally {
  await browser.close();
  await server.dispose();
}
