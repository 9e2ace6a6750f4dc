import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { PASSWORD, TestNetwork } from './fixtures/accounts.ts';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  selectWords,
  waitAllSaved
} from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const NEW_PASSWORD = 'Вишнёвый-сад-за-рекой-2027';

async function meStatus(context: BrowserContext): Promise<number> {
  return (await context.request.get(`${server.url}/api/me`)).status();
}

async function signInThroughForm(context: BrowserContext, email: string, password: string) {
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  return page;
}

test('AC-UI9 changing the password in the profile signs out the other device', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Анна');
  const teacher = await network.join('Соколова Ирина', 'editor');
  const email = (await (await teacher.request.get(`${server.url}/api/me`)).json()).user.email;
  const tablet = await browser.newContext();
  await (await signInThroughForm(tablet, email, PASSWORD)).waitForURL(`${server.url}/`);

  const page = await network.open(teacher, '/profile');
  // Opened by address, the profile still shows the person's own name to edit.
  await expect(page.getByLabel('Имя и фамилия')).toHaveValue('Соколова Ирина');
  await page.getByLabel('Текущий пароль').fill('не тот пароль');
  await page.getByLabel('Новый пароль').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByText('Пароль указан неверно')).toBeVisible();

  await page.getByLabel('Текущий пароль').fill(PASSWORD);
  await page.getByLabel('Новый пароль').fill('12345678');
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByText('Этот пароль слишком распространён')).toBeVisible();

  await page.getByLabel('Новый пароль').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByText('Пароль изменён')).toBeVisible();
  expect(await meStatus(tablet)).toBe(401);
  expect(await meStatus(teacher)).toBe(200);
  await tablet.close();
});

test('AC-UI10 an owner makes a reset link on the members page; it sets a new password once', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Анна');
  const teacher = await network.join('Петров Олег', 'viewer');
  const email = (await (await teacher.request.get(`${server.url}/api/me`)).json()).user.email;

  const members = await network.open(network.owner, '/members');
  const row = members.getByTestId('member-row').filter({ hasText: 'Петров Олег' });
  await row.getByRole('button', { name: 'Ссылка для нового пароля' }).click();
  const notice = members.getByTestId('reset-notice');
  await expect(notice).toContainText('Передайте ссылку Петров Олег');
  const link = await notice.getByLabel('Ссылка для нового пароля').inputValue();
  expect(link).toMatch(/\/reset\?token=/);

  const stranger = await browser.newContext();
  const reset = await stranger.newPage();
  await reset.goto(link);
  await expect(reset.getByRole('heading', { name: 'Новый пароль' })).toBeVisible();
  await reset.getByLabel('Новый пароль').fill(NEW_PASSWORD);
  await reset.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(reset.getByText('Пароль сохранён. Войдите с ним.')).toBeVisible();
  // Every session of the person ended with the reset.
  expect(await meStatus(teacher)).toBe(401);

  await reset.goto(link);
  await expect(reset.getByText('Ссылка уже использована')).toBeVisible();
  const signedIn = await signInThroughForm(stranger, email, NEW_PASSWORD);
  await signedIn.waitForURL(`${server.url}/`);
  expect(await meStatus(stranger)).toBe(200);
  await stranger.close();
});

test('AC-UI11 deleting one’s account in the profile asks for the password; the owner no longer sees the person', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Анна');
  const leaving = await network.join('Уходящая Дарья', 'editor');
  const page = await network.open(leaving, '/profile');
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByLabel('Пароль для подтверждения').fill('не тот пароль');
  await page.getByRole('button', { name: 'Удалить учётную запись' }).click();
  await expect(page.getByText('Пароль указан неверно')).toBeVisible();
  await page.getByLabel('Пароль для подтверждения').fill(PASSWORD);
  await page.getByRole('button', { name: 'Удалить учётную запись' }).click();
  await page.waitForURL(/\/signin/);
  expect(await meStatus(leaving)).toBe(401);

  const members = await network.open(network.owner, '/members');
  await expect(members.getByTestId('member-row')).toHaveCount(1);
  await expect(members.getByTestId('member-list')).not.toContainText('Уходящая Дарья');
});

test('AC-UI12 on a new server the first person registers freely; the next one only through an invite link', async ({
  browser
}) => {
  const fresh = new ServerProcess();
  // REGISTRATION unset: the default an operator gets.
  await fresh.start({ REGISTRATION: '' });
  try {
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(`${fresh.url}/register`);
    await page.getByLabel('Имя и фамилия').fill('Лобанова Анна');
    await page.getByLabel('Электронная почта').fill('anna@dk-yunost.example');
    await page.getByLabel('Пароль').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await expect(page.getByRole('heading', { name: 'Пространства' })).toBeVisible();
    const created = await first.request.post(`${fresh.url}/api/workspaces`, {
      data: { name: 'Сеть учреждений' },
      headers: { origin: fresh.url }
    });
    const workspaceId = (await created.json()).workspace.id as string;
    const invite = await first.request.post(`${fresh.url}/api/workspaces/${workspaceId}/invites`, {
      data: { role: 'editor' },
      headers: { origin: fresh.url }
    });
    const invitePath = (await invite.json()).invite.path as string;

    const second = await browser.newContext();
    const uninvited = await second.newPage();
    await uninvited.goto(`${fresh.url}/register`);
    await uninvited.getByLabel('Имя и фамилия').fill('Соколова Ирина');
    await uninvited.getByLabel('Электронная почта').fill('irina@dk-yunost.example');
    await uninvited.getByLabel('Пароль').fill(NEW_PASSWORD);
    await uninvited.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await expect(uninvited.getByText('Регистрация здесь только по приглашению')).toBeVisible();

    await uninvited.goto(fresh.url + invitePath);
    await uninvited.getByRole('link', { name: 'Зарегистрироваться' }).click();
    await uninvited.getByLabel('Имя и фамилия').fill('Соколова Ирина');
    await uninvited.getByLabel('Электронная почта').fill('irina@dk-yunost.example');
    await uninvited.getByLabel('Пароль').fill(NEW_PASSWORD);
    await uninvited.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await uninvited.getByRole('button', { name: 'Принять приглашение' }).click();
    await expect
      .poll(async () => (await (await second.request.get(`${fresh.url}/api/me`)).json()).workspaces)
      .toEqual([{ id: workspaceId, name: 'Сеть учреждений', role: 'editor' }]);
    await first.close();
    await second.close();
  } finally {
    await fresh.dispose();
  }
});

const PLAN = 'Цель: познакомить учащихся с народной культурой Белгородчины.';
const LEAVING = 'Борис Юрченко';
const DELETED = 'Удалённый участник';

const thread = (page: Page, quote: string) =>
  page.getByTestId('comments-panel').getByTestId('comment-thread').filter({ hasText: quote });

async function saveVersion(page: Page, name: string) {
  const dialog = page.getByTestId('history-dialog');
  await page.getByTestId('history-open').click();
  await dialog.getByTestId('history-name').fill(name);
  await dialog.getByTestId('history-save').click();
  await expect(dialog.getByTestId('history-versions')).toContainText(name);
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
}

test('AC-UI13 an owner deletes a member’s account: their comment and version say «Удалённый участник», their name is nowhere on the page', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'План проекта «Театр на окошке»');
  await insertParagraphAtEnd(anna, PLAN);

  // Борис comments on the plan and saves a named version of it.
  const borisContext = await network.join(LEAVING, 'editor');
  const boris = await network.open(borisContext, `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain('Белгородчины');
  // Connected and synced: the editor is the one the page keeps, not the first offline render.
  await waitAllSaved(boris);
  await selectWords(boris, 'народной культурой');
  await boris.getByTestId('comment-add').click();
  await boris.getByRole('combobox', { name: 'Новый комментарий' }).fill('Каких промыслов?');
  await boris.getByTestId('comment-draft').getByRole('button', { name: 'Отправить' }).click();
  await expect(thread(anna, 'народной культурой')).toContainText(LEAVING);
  await saveVersion(boris, 'Замечания к плану');

  // Анна, the owner, deletes his account from the members page.
  const members = await network.open(network.owner, '/members');
  members.on('dialog', (dialog) => void dialog.accept());
  const row = members.getByTestId('member-row').filter({ hasText: LEAVING });
  await row.getByRole('button', { name: 'Удалить учётную запись' }).click();
  await expect(members.getByTestId('member-row')).toHaveCount(1);

  // The document: the comment and the version are his still, under «Удалённый участник».
  const page = await network.open(network.owner, `/doc?id=${id}`);
  const comment = thread(page, 'народной культурой');
  await expect(comment.getByTestId('comment-message')).toContainText(DELETED);
  await expect(comment).toContainText('Каких промыслов?');
  await page.getByTestId('history-open').click();
  const version = page
    .getByTestId('history-versions')
    .getByRole('button', { name: /Замечания к плану/ });
  await expect(version).toContainText(DELETED);
  await expect(page.locator('body')).not.toContainText(LEAVING);
  // The tab that had the document open all along converges too.
  await expect(thread(anna, 'народной культурой')).toContainText(DELETED);
  await expect(anna.locator('body')).not.toContainText(LEAVING);
});
