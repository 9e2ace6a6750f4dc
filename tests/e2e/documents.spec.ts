import { expect, test } from '@playwright/test';
import { createDocument, openApp, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('DL1 a person names themselves, creates, renames, deletes and restores a document', async ({
  browser
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);

  // First visit: the app asks for a display name, in Russian.
  await expect(page.getByRole('heading', { name: 'Как вас зовут?' })).toBeVisible();
  await page.getByLabel('Ваше имя').fill('Юрченко О. Ф.');
  await page.getByRole('button', { name: 'Готово' }).click();
  await expect(page.getByRole('button', { name: /Юрченко/ })).toBeVisible();
  await expect(page.getByText('Документов пока нет')).toBeVisible();

  const id = await createDocument(page, 'Методическая разработка «Народная кукла»');
  await page.getByRole('link', { name: /Ко всем документам/ }).click();
  const row = page.locator(`[data-testid="document-row"][data-id="${id}"]`);
  await expect(row).toContainText('Методическая разработка «Народная кукла»');
  await expect(page.getByText('1 документ', { exact: true })).toBeVisible();

  await row.getByRole('button', { name: 'Переименовать' }).click();
  await row.getByLabel('Название документа').fill('Мастер-класс «Народная кукла»');
  await row.getByRole('button', { name: 'Сохранить' }).click();
  await expect(row).toContainText('Мастер-класс «Народная кукла»');

  await row.getByRole('button', { name: 'Удалить' }).click();
  await expect(row).toHaveCount(0);
  await expect(
    page.getByText('Документ «Мастер-класс «Народная кукла»» перемещён в корзину')
  ).toBeVisible();
  await page.getByText('Корзина (1)').click();
  const binRow = page.locator(`[data-testid="bin-row"][data-id="${id}"]`);
  await binRow.getByRole('button', { name: 'Восстановить' }).click();
  await expect(row).toContainText('Мастер-класс «Народная кукла»');
  await expect(page.getByText('Корзина (0)')).toBeVisible();
  await waitAllSaved(page);

  // The list and the bin are shared: a second person sees the same after the round trip.
  const other = await (await browser.newContext()).newPage();
  await other.addInitScript(() => localStorage.setItem('uzel:display-name', 'Массольд Е. Д.'));
  await other.goto(server.url);
  await expect(other.locator(`[data-testid="document-row"][data-id="${id}"]`)).toContainText(
    'Мастер-класс «Народная кукла»'
  );
  await context.close();
});

test('DL2 the interface switches to English and back, with plurals in each language', async ({
  browser
}) => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, 'Лобанова Л. Е.');
  await expect(page.getByRole('heading', { name: 'Документы' })).toBeVisible();
  await page.getByRole('button', { name: 'Язык интерфейса' }).click();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByText(/^\d+ documents?$/)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await page.getByRole('button', { name: 'Interface language' }).click();
  await expect(page.getByRole('heading', { name: 'Документы' })).toBeVisible();
  await context.close();
});

test('DL3 a link to a document that does not exist says so instead of failing', async ({
  browser
}) => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, 'Лобанова Л. Е.', '/doc?id=../../etc');
  await expect(page.getByText('Документ не найден')).toBeVisible();
  await context.close();
});
