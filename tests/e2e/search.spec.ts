import { expect, test, type Page } from '@playwright/test';
import { createDocument, status, waitForServiceWorker, waitSavedLocally } from './fixtures/app.ts';
import { TestNetwork } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const results = (page: Page) => page.getByTestId('search-result');
const marks = (page: Page) => page.getByTestId('search-snippet').locator('mark');

/** Waits until the search worker has written the document into its own IndexedDB database. */
async function waitIndexSaved(page: Page, workspaceId: string, docId: string, word: string) {
  const savedText = () =>
    page.evaluate(
      async ({ name, id }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        try {
          if (!db.objectStoreNames.contains('docs')) return '';
          const doc = await new Promise<{ text?: string } | undefined>((resolve, reject) => {
            const r = db.transaction('docs').objectStore('docs').get(id);
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          return doc?.text ?? '';
        } finally {
          db.close();
        }
      },
      { name: `uzel-search-${workspaceId}`, id: docId }
    );
  await expect.poll(savedText).toContain(word);
}

test('SR14 a document is found offline by an inflected Russian word, with the word highlighted; SR15 also after an offline reload', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Ольга Юрченко');
  const page = await network.open(network.owner);
  const id = await createDocument(page, 'Выставка в областной библиотеке');
  await page.locator('.ProseMirror').click();
  await page.keyboard.type('Педагоги проводят мастер-классы по краеведению для учащихся школ.');
  await waitSavedLocally(page);
  await waitForServiceWorker(page);

  await network.owner.setOffline(true);
  await expect(status(page)).toHaveAttribute('data-connection', 'offline');

  // From the header: another form of the compound word.
  await page.getByTestId('search-button').click();
  await page.getByTestId('header-search').fill('мастер-класса');
  await page.getByTestId('header-search').press('Enter');
  await page.waitForURL(/\/search\?q=/);
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('Выставка в областной библиотеке');
  await expect(marks(page)).toHaveText(['мастер-классы']);
  await expect(page.getByTestId('search-summary')).toContainText('Найден 1 документ');

  // As you type: the last word is a prefix.
  await page.getByTestId('search-field').fill('краевед');
  await expect(marks(page)).toHaveText(['краеведению']);
  await page.getByTestId('search-field').fill('совсем другое слово');
  await expect(page.getByTestId('search-summary')).toContainText('Ничего не нашлось');

  // Text typed later in the open document reaches the index too.
  await page.goto(`${server.url}/doc?id=${id}`);
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Итоги: выставка рисунков учащихся.');
  await waitSavedLocally(page);
  await waitIndexSaved(page, network.workspaceId, id, 'рисунков');

  // SR15: reload with no network; the saved index answers in the worker the browser cached.
  await page.goto(`${server.url}/search?q=${encodeURIComponent('рисунок ')}`);
  await expect(page.getByTestId('search-summary')).toHaveAttribute('data-restored', 'true');
  await expect(marks(page)).toHaveText(['рисунков']);
  await page.getByTestId('search-field').fill('учащиеся ');
  await expect(marks(page)).toHaveText(['учащихся']);

  // The keyboard: arrow down to the result, Enter opens it.
  await page.getByTestId('search-field').press('ArrowDown');
  await expect(results(page).first()).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/doc\\?id=${id}`));
  await expect(page.getByTestId('doc-title')).toHaveValue('Выставка в областной библиотеке');
  await network.owner.close();
});

test('SR16 text typed just before the page closes is found after it reopens', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Ольга Юрченко');
  const page = await network.open(network.owner);
  const texts: [string, string][] = [
    ['Мастер-класс «Народная кукла»', 'Педагоги проводят мастер-классы в краеведческом музее.'],
    ['Договор с библиотекой', 'В библиотеке проводятся мастер-классы и творческие вечера.'],
    ['Дни партнёрского взаимодействия', 'Семинары, мастер – классы, круглые столы.']
  ];
  for (const [title, text] of texts) {
    await page.goto(`${server.url}/`);
    await createDocument(page, title);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type(text);
    // Leave at once: the page goes before the worker could re-read and save the document.
    await waitSavedLocally(page);
  }
  await page.goto(`${server.url}/search?q=${encodeURIComponent('мастер-класса')}`);
  await expect(results(page)).toHaveCount(3);
  await expect(marks(page)).toHaveText(['мастер-классы', 'мастер-классы', 'мастер', 'классы']);
  await network.owner.close();
});
