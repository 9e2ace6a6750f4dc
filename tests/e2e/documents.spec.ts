import { expect, test } from '@playwright/test';
import { PASSWORD, TestNetwork, uniqueEmail } from './fixtures/accounts.ts';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  openMenu,
  openSection,
  rowAction,
  waitAllSaved
} from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('DL1 register, create a workspace, then create, rename, delete and restore a document; AC-UI1 invite a colleague who joins and edits', async ({
  browser
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);

  // Not signed in: the app asks to sign in, in Russian, and offers registration.
  await expect(page.getByRole('heading', { name: 'Вход в Узел' })).toBeVisible();
  await page.getByRole('link', { name: /Зарегистрируйтесь/ }).click();
  await page.getByLabel('Имя и фамилия').fill('Юрченко Ольга Фёдоровна');
  await page.getByLabel('Электронная почта').fill(uniqueEmail('yurchenko'));
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();

  // No workspace yet: create one.
  await expect(page.getByRole('heading', { name: 'Пространства' })).toBeVisible();
  await page.getByLabel('Название пространства').fill('Станция юных техников');
  await page.getByRole('button', { name: 'Создать пространство' }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText('Станция юных техников');
  await expect(page.getByText('Документов пока нет')).toBeVisible();

  const id = await createDocument(page, 'Методическая разработка «Народная кукла»');
  await insertParagraphAtEnd(page, 'Цель: знакомство с традиционной тряпичной куклой.');
  await page.getByRole('link', { name: /Ко всем документам/ }).click();
  const row = page.locator(`[data-testid="document-row"][data-id="${id}"]`);
  await expect(row).toContainText('Методическая разработка «Народная кукла»');
  await expect(page.getByText('1 документ', { exact: true })).toBeVisible();

  await rowAction(page, id, 'Переименовать');
  await row.getByLabel('Название документа').fill('Мастер-класс «Народная кукла»');
  await row.getByRole('button', { name: 'Сохранить' }).click();
  await expect(row).toContainText('Мастер-класс «Народная кукла»');

  await rowAction(page, id, 'Удалить');
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

  // Invite a colleague as an editor with a link from the members page.
  await openSection(page, 'Участники');
  await page.getByTestId('invite-role').selectOption('editor');
  await page.getByRole('button', { name: 'Создать ссылку' }).click();
  const link = await page.getByTestId('invite-link').inputValue();
  expect(link).toContain('/invite?token=');

  const colleague = await (await browser.newContext()).newPage();
  await colleague.goto(link);
  await expect(
    colleague.getByText('Вас приглашают в пространство «Станция юных техников» с ролью «редактор».')
  ).toBeVisible();
  await colleague.getByRole('link', { name: 'Зарегистрироваться' }).click();
  await colleague.getByLabel('Имя и фамилия').fill('Массольд Елена Дмитриевна');
  await colleague.getByLabel('Электронная почта').fill(uniqueEmail('massold'));
  await colleague.getByLabel('Пароль').fill(PASSWORD);
  await colleague.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await colleague.getByRole('button', { name: 'Принять приглашение' }).click();
  await expect(colleague.getByTestId('workspace-name')).toHaveText('Станция юных техников');
  await colleague.locator(`[data-testid="document-row"][data-id="${id}"] a`).click();
  await expect.poll(() => editorText(colleague)).toContain('традиционной тряпичной куклой');
  await insertParagraphAtEnd(colleague, 'Дополнение Елены: схема сборки куклы.');

  // Both see each other's work; the owner sees the new member.
  await openSection(page, 'Участники');
  await expect(
    page.getByTestId('member-row').filter({ hasText: 'Массольд Елена Дмитриевна' })
  ).toHaveCount(1);
  await page.goto(`${server.url}/doc?id=${id}`);
  await expect.poll(() => editorText(page)).toContain('Дополнение Елены: схема сборки куклы.');
  await context.close();
  await colleague.context().close();
});

test('DL2 the interface switches to English and back, with plurals in each language', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Людмила');
  const page = await network.open(network.owner);
  await expect(page.getByRole('heading', { name: 'Документы' })).toBeVisible();
  await openMenu(page);
  await page.getByRole('button', { name: 'Язык интерфейса' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByText(/^\d+ documents?$/)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await openMenu(page);
  await page.getByRole('button', { name: 'Interface language' }).click();
  await expect(page.getByRole('heading', { name: 'Документы' })).toBeVisible();
  await network.owner.close();
});

test('DL3 a link to a document that does not exist says so instead of failing', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Людмила');
  const page = await network.open(network.owner, '/doc?id=../../etc');
  await expect(page.getByText('Документ не найден')).toBeVisible();
  await network.owner.close();
});
