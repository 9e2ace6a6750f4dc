import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import {
  editorText,
  insertParagraphAtEnd,
  openSyncDetails,
  waitAllSaved,
  waitForServiceWorker,
  waitSavedLocally
} from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';
import { seedDocuments } from './fixtures/workspaceSeed.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const syncPanel = (page: Page) => page.getByTestId('workspace-sync');

/** Waits until a background sync has finished without error since the page loaded. */
async function waitWorkspaceSynced(page: Page): Promise<void> {
  await expect(syncPanel(page)).toHaveAttribute('data-phase', 'idle', { timeout: 30_000 });
  await expect(syncPanel(page)).not.toHaveAttribute('data-synced-at', '');
  await expect(syncPanel(page)).toHaveAttribute('data-error', '');
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

test('WS11 a new device downloads all 50 documents in the background and opens one it never opened, offline', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const docs = await seedDocuments(network.owner, server.url, network.workspaceId, 50);

  const borisContext = await network.join('Борис Юрченко', 'editor');
  const boris = await network.open(borisContext);
  // The tree renders only the rows on screen: the count says all 50 arrived.
  await expect(boris.getByText('50 документов', { exact: true })).toBeVisible();
  await waitForServiceWorker(boris);
  await waitWorkspaceSynced(boris);
  const done = Number(await syncPanel(boris).getAttribute('data-done'));
  expect(done).toBe(Number(await syncPanel(boris).getAttribute('data-total')));
  expect(done).toBeGreaterThanOrEqual(50);
  await expect(syncPanel(boris)).toContainText('Все документы есть на этом устройстве');

  for (const [width, height] of [
    [768, 1024],
    [1024, 768],
    [390, 844]
  ] as const) {
    await boris.setViewportSize({ width, height });
    await boris.screenshot({ path: `tests/.artifacts/offline-complete-${width}x${height}.png` });
  }
  await boris.setViewportSize({ width: 1024, height: 768 });

  // The profile page tells how much space the documents take and whether the browser keeps them.
  await boris.goto(`${server.url}/profile`);
  await expect(boris.getByTestId('storage-used')).toContainText(/Занято .+ из .+/);
  await boris.screenshot({ path: 'tests/.artifacts/offline-storage-1024x768.png', fullPage: true });
  await boris.goto(server.url);
  await waitWorkspaceSynced(boris);

  await borisContext.setOffline(true);
  const never = docs[37]!;
  // The tree renders only the rows near the screen: scroll down until this one is there.
  const link = boris.getByRole('link', { name: never.title });
  await expect
    .poll(async () => {
      if ((await link.count()) > 0) return true;
      await boris.mouse.wheel(0, 400);
      return false;
    })
    .toBe(true);
  await link.click();
  await expect.poll(() => editorText(boris)).toContain(never.text);
  // A reload without network too: the app shell from the service worker, the text from IndexedDB.
  await boris.goto(`${server.url}/doc?id=${docs[12]!.id}`);
  await expect.poll(() => editorText(boris)).toContain(docs[12]!.text);
  await network.owner.close();
  await borisContext.close();
});

test('WS12 two tabs editing one document offline converge online without duplicated text; WS13 unsynced markers and sync now', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const docs = await seedDocuments(network.owner, server.url, network.workspaceId, 5);
  const target = docs[2]!;

  const vera = await network.join('Вера Соколова', 'editor');
  const list = await network.open(vera);
  await waitWorkspaceSynced(list);
  await waitForServiceWorker(list);
  const tabA = await network.open(vera, `/doc?id=${target.id}`);
  const tabB = await network.open(vera, `/doc?id=${target.id}`);
  for (const tab of [tabA, tabB]) {
    await expect.poll(() => editorText(tab)).toContain(target.text);
    await waitAllSaved(tab);
  }

  await vera.setOffline(true);
  await insertParagraphAtEnd(tabA, 'Вкладка А: подготовить глину.');
  await insertParagraphAtEnd(tabB, 'Вкладка Б: купить краски.');
  for (const tab of [tabA, tabB]) await waitSavedLocally(tab);
  // WS13: the list marks the document whose changes are only on this device.
  const row = list.locator(`[data-testid="document-row"][data-id="${target.id}"]`);
  await expect(row.getByTestId('unsynced-marker')).toBeVisible();
  await expect(
    list.locator('[data-testid="document-row"]').getByTestId('unsynced-marker')
  ).toHaveCount(1);
  for (const [width, height] of [
    [1024, 768],
    [390, 844]
  ] as const) {
    await list.setViewportSize({ width, height });
    await list.screenshot({ path: `tests/.artifacts/offline-unsynced-${width}x${height}.png` });
  }
  await list.setViewportSize({ width: 1024, height: 768 });

  await vera.setOffline(false);
  for (const tab of [tabA, tabB]) await waitAllSaved(tab);
  await expect(row.getByTestId('unsynced-marker')).toHaveCount(0);
  for (const tab of [tabA, tabB]) {
    await expect.poll(() => editorText(tab)).toContain('Вкладка А: подготовить глину.');
    await expect.poll(() => editorText(tab)).toContain('Вкладка Б: купить краски.');
  }
  const anna = await network.open(network.owner, `/doc?id=${target.id}`);
  await expect.poll(() => editorText(anna)).toContain('Вкладка Б: купить краски.');
  const text = await editorText(anna);
  expect(count(text, 'Вкладка А: подготовить глину.')).toBe(1);
  expect(count(text, 'Вкладка Б: купить краски.')).toBe(1);
  expect(count(text, target.text)).toBe(1);
  expect(await editorText(tabA)).toBe(text);
  expect(await editorText(tabB)).toBe(text);

  // WS13: «Синхронизировать сейчас» fetches what changed meanwhile, here a document Anna edits.
  const before = await syncPanel(list).getAttribute('data-synced-at');
  await openSyncDetails(list);
  await list.getByTestId('sync-now').click();
  await expect(syncPanel(list)).not.toHaveAttribute('data-synced-at', before ?? '');
  await waitWorkspaceSynced(list);
  await network.owner.close();
  await vera.close();
});
