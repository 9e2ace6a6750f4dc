import { expect, test } from '@playwright/test';
import { PASSWORD, uniqueEmail } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const NAME = 'Лобанова Людмила Евгеньевна';
const INSTITUTION = 'МБУДО «Юность»';

test('AC-UI8 registration asks for the institution (optional); it fills «Автор» and «Учреждение» of a new document and chooses the report’s institution', async ({
  browser
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/register`);
  await page.getByLabel('Имя и фамилия').fill(NAME);
  await expect(page.getByLabel('Учреждение (необязательно)')).toBeVisible();
  await page.getByLabel('Учреждение (необязательно)').fill(INSTITUTION);
  await page.getByLabel('Электронная почта').fill(uniqueEmail('lobanova'));
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await page.getByLabel('Название пространства').fill('Сеть учреждений Кирова');
  await page.getByRole('button', { name: 'Создать пространство' }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText('Сеть учреждений Кирова');

  // The profile shows what registration kept.
  await page.goto(`${server.url}/profile`);
  await expect(page.getByLabel('Учреждение')).toHaveValue(INSTITUTION);

  // A new teaching methodology is signed with the person and their institution.
  await page.getByRole('link', { name: 'Документы' }).first().click();
  await page.getByTestId('create-document').click();
  await page.getByRole('radio', { name: 'Методическая разработка' }).check();
  await page.getByTestId('create-name').fill('Мастер-класс «Глиняная игрушка»');
  await page.getByTestId('create-confirm').click();
  await page.waitForURL(/\/doc\?id=/);
  await expect(page.getByLabel('Автор', { exact: true })).toHaveValue(NAME);
  await expect(page.getByLabel('Учреждение', { exact: true })).toHaveValue(INSTITUTION);

  // A plain note has no such fields and gets none.
  await page.getByRole('link', { name: 'Документы' }).first().click();
  await page.getByTestId('create-document').click();
  await page.getByRole('radio', { name: 'Заметка или протокол' }).check();
  await page.getByTestId('create-confirm').click();
  await page.waitForURL(/\/doc\?id=/);
  await expect(page.getByLabel('Автор', { exact: true })).toHaveCount(0);

  // The annual report opens on the institution of the profile once the directory has it.
  await page.goto(`${server.url}/partners`);
  await page.getByTestId('create-institution').click();
  await page.getByLabel('Название').fill(INSTITUTION);
  await page.getByLabel('Вид учреждения').selectOption({ index: 1 });
  await page.getByTestId('institution-save').click();
  await expect(page.getByTestId('institution-title')).toHaveText(INSTITUTION);
  await page.goto(`${server.url}/report`);
  await expect(page.getByTestId('report-institution').locator('option:checked')).toHaveText(
    INSTITUTION
  );
  await context.close();
});
