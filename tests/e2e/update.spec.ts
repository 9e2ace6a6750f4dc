import { appendFileSync, cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { waitForServiceWorker } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

// A copy of the build that the test can turn into "the next version". Inside the repository, so
// the server code in it still finds node_modules.
const BUILD_COPY = path.resolve('test-results/build-next-version');
const server = new ServerProcess();

test.beforeAll(async () => {
  rmSync(BUILD_COPY, { recursive: true, force: true });
  cpSync(process.env.BUILD_DIR || 'build', BUILD_COPY, { recursive: true });
  await server.start({ BUILD_DIR: BUILD_COPY });
});
test.afterAll(async () => {
  await server.dispose();
  rmSync(BUILD_COPY, { recursive: true, force: true });
});

test('PW1 a new version of the app is announced and loads when the person asks', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const page = await network.open(network.owner);
  await waitForServiceWorker(page);
  await expect(page.getByTestId('update-ready')).toHaveCount(0);

  // Deploy the next version: its service worker differs (the precompressed copies go, or they
  // would still be served), and the server restarts on it.
  await server.stop();
  const worker = path.join(BUILD_COPY, 'client', 'sw.js');
  appendFileSync(worker, '\n// the next version\n');
  rmSync(`${worker}.br`, { force: true });
  rmSync(`${worker}.gz`, { force: true });
  await server.start({ BUILD_DIR: BUILD_COPY });

  // The app checks for updates hourly; the test asks now.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const prompt = page.getByTestId('update-ready');
  await expect(prompt).toContainText('Доступна новая версия Узла.');
  const reloaded = page.waitForEvent('framenavigated');
  await prompt.getByRole('button', { name: 'Обновить' }).click();
  await reloaded;
  // The new worker took over: nothing waits any more, and the app runs again.
  await expect
    .poll(() =>
      page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)
    )
    .toBeNull();
  await expect(page.getByRole('heading', { name: 'Документы' })).toBeVisible();
  await expect(page.getByTestId('update-ready')).toHaveCount(0);
  await network.owner.close();
});
