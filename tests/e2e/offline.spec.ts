import { expect, test } from '@playwright/test';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  status,
  waitAllSaved,
  waitForServiceWorker,
  waitSavedLocally
} from './fixtures/app.ts';
import { TestNetwork } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('OF1 edits made offline, across an offline reload and a closed tab, reach the other person; OF2; SS1', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const annaContext = network.owner;
  const anna = await network.open(annaContext);
  const id = await createDocument(anna, 'Мастер-класс «Народная кукла»');
  await insertParagraphAtEnd(anna, 'Материалы: лоскуты ткани, нитки.');
  await waitAllSaved(anna);

  const borisContext = await network.join('Борис Юрченко', 'editor');
  let boris = await network.open(borisContext, `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain('Материалы: лоскуты ткани');
  await waitForServiceWorker(boris);
  await waitAllSaved(boris);

  // SS1: offline, the status says so and counts what is only on this device.
  await borisContext.setOffline(true);
  await expect(status(boris)).toHaveAttribute('data-connection', 'offline');
  await expect(status(boris)).toContainText('Нет связи с сервером');
  await insertParagraphAtEnd(boris, 'Офлайн: ход занятия в музее.');
  await expect(status(boris)).toContainText('1 документ с изменениями только на этом устройстве');
  await waitSavedLocally(boris);

  // OF2: reload with no network; the service worker serves the app, IndexedDB the document.
  await boris.reload();
  await expect.poll(() => editorText(boris)).toContain('Офлайн: ход занятия в музее.');
  await expect(status(boris)).toHaveAttribute('data-connection', 'offline');
  expect(Number(await status(boris).getAttribute('data-pending'))).toBeGreaterThan(0);
  await insertParagraphAtEnd(boris, 'Офлайн после перезагрузки: итоги.');
  await waitSavedLocally(boris);

  // Close the tab and open the app again, still offline, from the list.
  await boris.close();
  boris = await borisContext.newPage();
  await boris.goto(server.url);
  // In the tree (the same title also sits under «Недавние» on this device).
  const inTree = boris.getByTestId('document-list').getByText('Мастер-класс «Народная кукла»');
  await expect(inTree).toBeVisible();
  await inTree.click();
  await expect.poll(() => editorText(boris)).toContain('Офлайн после перезагрузки: итоги.');

  // Meanwhile Anna keeps editing online.
  await insertParagraphAtEnd(anna, 'Анна: добавлен список литературы.');
  await waitAllSaved(anna);

  // Back online: everything merges both ways, nothing is lost.
  await borisContext.setOffline(false);
  await waitAllSaved(boris);
  for (const page of [anna, boris]) {
    await expect.poll(() => editorText(page)).toContain('Офлайн: ход занятия в музее.');
    await expect.poll(() => editorText(page)).toContain('Офлайн после перезагрузки: итоги.');
    await expect.poll(() => editorText(page)).toContain('Анна: добавлен список литературы.');
  }
  expect(await editorText(anna)).toBe(await editorText(boris));
  await annaContext.close();
  await borisContext.close();
});

test('OF22 keys typed offline and the page reloaded at once, waiting for nothing, are all there after the reload, still counted as unsent', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Вера Гусева');
  const context = network.owner;
  let page = await network.open(context);
  const id = await createDocument(page, 'Конспект занятия');
  await insertParagraphAtEnd(page, 'Тема: кружево.');
  await waitForServiceWorker(page);
  await waitAllSaved(page);

  await context.setOffline(true);
  await expect(status(page)).toHaveAttribute('data-connection', 'offline');
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('Control+End');
  // Typed as fast as the browser takes keys: several land between two frames.
  await page.keyboard.type(' вологодское, елецкое', { delay: 0 });
  await page.reload();
  await expect.poll(() => editorText(page)).toContain('Тема: кружево. вологодское, елецкое');
  expect(Number(await status(page).getAttribute('data-pending'))).toBeGreaterThan(0);

  // The same with the tab closed straight after typing, then the document opened again.
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('; михайловское', { delay: 0 });
  await page.close();
  page = await context.newPage();
  await page.goto(`${server.url}/doc?id=${id}`);
  await expect.poll(() => editorText(page)).toContain('вологодское, елецкое; михайловское');

  await context.setOffline(false);
  await waitAllSaved(page);
  await context.close();
});

test('OF23 the service worker starts a document from the document page’s own shell: its scripts are fetched with the app’s, not after it, online and offline', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const page = await network.open(network.owner);
  const id = await createDocument(page, 'Мастер-класс «Народная кукла»');
  await waitForServiceWorker(page);
  // What the server sends for the document page: the scripts that page needs, preloaded.
  const preloads = (html: string) =>
    [...html.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map((m) => m[1]).sort();
  const fromServer = preloads(await (await page.request.get(`${server.url}/doc`)).text());
  const home = preloads(await (await page.request.get(`${server.url}/`)).text());
  const homeOnly = home.filter((href) => !fromServer.includes(href));
  expect(homeOnly.length).toBeGreaterThan(0);
  // The document page's own (the app adds the error page's later) and none of the home page's.
  const startedFromDocShell = async () => {
    const links = await shown();
    expect(links).toEqual(expect.arrayContaining(fromServer));
    expect(links.filter((href) => homeOnly.includes(href))).toEqual([]);
  };

  const shown = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('link[rel="modulepreload"]')]
        .map((l) => new URL((l as HTMLLinkElement).href).pathname)
        .sort()
    );
  await page.goto(`${server.url}/doc?id=${id}`);
  await expect(page.locator('.ProseMirror')).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await startedFromDocShell();

  await network.owner.setOffline(true);
  await page.reload();
  await expect(page.locator('.ProseMirror')).toBeVisible();
  await startedFromDocShell();
  await network.owner.close();
});
