import { expect, test } from '@playwright/test';
import { uniqueEmail } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('PWD3 registering with a common or blank password says why in Russian; a strong one goes through', async ({
  page
}) => {
  await page.goto(`${server.url}/register`);
  await page.getByLabel('Имя и фамилия').fill('Белова Марина Игоревна');
  await page.getByLabel('Электронная почта').fill(uniqueEmail('belova'));
  const password = page.getByLabel('Пароль');
  const submit = page.getByRole('button', { name: 'Зарегистрироваться' });

  await password.fill('password');
  await submit.click();
  await expect(page.getByText('Этот пароль слишком распространён')).toBeVisible();

  await password.fill('        ');
  await submit.click();
  await expect(page.getByText('Пароль не может состоять из одних пробелов')).toBeVisible();

  await password.fill('Вишнёвый-сад-за-рекой');
  await submit.click();
  await expect(page.getByRole('heading', { name: 'Пространства' })).toBeVisible();
});
