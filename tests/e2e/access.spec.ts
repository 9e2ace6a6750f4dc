import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PASSWORD, signUp, TestNetwork } from './fixtures/accounts.ts';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  openMenu,
  status,
  waitAllSaved,
  waitForServiceWorker,
  waitSavedLocally
} from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('AC-UI2 a viewer sees edits live, cannot change anything, and the relay would not accept it anyway', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'Положение о конкурсе');
  await insertParagraphAtEnd(anna, 'Конкурс проводится среди учащихся.');

  const viewer = await network.open(await network.join('Вера Читающая', 'viewer'), `/doc?id=${id}`);
  await expect.poll(() => editorText(viewer)).toContain('Конкурс проводится среди учащихся.');
  await expect(viewer.locator('.ProseMirror')).toHaveAttribute('contenteditable', 'false');
  await expect(viewer.getByRole('toolbar')).toHaveCount(0);
  await expect(status(viewer)).toContainText('Только чтение');
  await expect(status(viewer)).toHaveAttribute('data-pending', '0');

  // Live: Anna's next edit arrives.
  await insertParagraphAtEnd(anna, 'Итоги подводятся в мае.');
  await expect.poll(() => editorText(viewer)).toContain('Итоги подводятся в мае.');

  // Typing does nothing, and a change forced through the editor API is dropped by the relay.
  await viewer.locator('.ProseMirror').click();
  await viewer.keyboard.type('Попытка правки');
  expect(await editorText(viewer)).not.toContain('Попытка правки');
  await viewer.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.setEditable(true);
    el.editor.commands.insertContentAt(
      el.editor.state.doc.content.size,
      '<p>Подделка читателя</p>'
    );
  });
  await insertParagraphAtEnd(anna, 'Контрольная правка владельца.');
  await expect.poll(() => editorText(viewer)).toContain('Контрольная правка владельца.');
  expect(await editorText(anna)).not.toContain('Подделка читателя');
  await viewer.goto(server.url);

  await expect(viewer.getByTestId('create-document')).toHaveCount(0);
  await network.owner.close();
  await viewer.context().close();
});

test('AC-UI3 a role downgrade takes effect on an open document within seconds', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'План семинара');
  const borisContext = await network.join('Борис Юрченко', 'editor');
  const boris = await network.open(borisContext, `/doc?id=${id}`);
  await expect(boris.locator('.ProseMirror')).toHaveAttribute('contenteditable', 'true');

  await anna.goto(`${server.url}/members`);
  const row = anna.getByTestId('member-row').filter({ hasText: 'Борис Юрченко' });
  await row.getByRole('combobox').selectOption('viewer');
  await expect(boris.locator('.ProseMirror')).toHaveAttribute('contenteditable', 'false', {
    timeout: 5000
  });
  await expect(status(boris)).toContainText('Только чтение');

  // Removal closes access altogether: Boris is taken back to his (now empty) list of workspaces.
  anna.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Исключить' }).click();
  await expect(boris.getByRole('heading', { name: 'Пространства' })).toBeVisible({ timeout: 5000 });
  await expect(boris.getByText('Вы пока не состоите ни в одном пространстве')).toBeVisible();
  await network.owner.close();
  await borisContext.close();
});

test('AC-UI4 offline work survives a session that expired meanwhile: sign in again and it reaches the server', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'Отчёт о творческом вечере');
  await insertParagraphAtEnd(anna, 'Вечер прошёл в библиотеке им. Лиханова.');
  await waitAllSaved(anna);
  await waitForServiceWorker(anna);

  await network.owner.setOffline(true);
  await expect(status(anna)).toHaveAttribute('data-connection', 'offline');
  await insertParagraphAtEnd(anna, 'Офлайн: отзывы родителей.');
  await waitSavedLocally(anna);

  // The session ends while the tablet is offline (as when it expires).
  const db = new Database(path.join(server.dataDir, 'accounts.sqlite'));
  db.prepare('DELETE FROM sessions').run();
  db.close();

  await anna.reload();
  await expect.poll(() => editorText(anna)).toContain('Офлайн: отзывы родителей.');
  await network.owner.setOffline(false);
  await expect(anna.getByTestId('session-expired')).toBeVisible();
  expect(Number(await status(anna).getAttribute('data-pending'))).toBeGreaterThan(0);

  const { email } = await currentEmail(anna);
  await anna.getByRole('button', { name: 'Войти снова' }).click();
  const dialog = anna.getByRole('dialog');
  await dialog.getByLabel('Электронная почта').fill(email);
  await dialog.getByLabel('Пароль').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Войти' }).click();
  await expect(dialog).toBeHidden();
  await waitAllSaved(anna);
  await expect(anna.getByTestId('session-expired')).toHaveCount(0);

  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain('Офлайн: отзывы родителей.');
  await network.owner.close();
  await boris.context().close();
});

test('AC-UI5 a stranger with an account cannot open a workspace they were not invited to', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'Закрытый документ');
  await insertParagraphAtEnd(anna, 'Секретный план.');
  await waitAllSaved(anna);

  const stranger = await browser.newContext();
  await signUp(stranger, server.url, 'Посторонний Пётр');
  const page = await stranger.newPage();
  // Point the app at the other workspace: it is not in the stranger's list, and the relay says no.
  await page.goto(server.url);
  await page.evaluate((ws) => localStorage.setItem('uzel:workspace', ws), network.workspaceId);
  await page.goto(`${server.url}/doc?id=${id}`);
  await expect(page.getByRole('heading', { name: 'Пространства' })).toBeVisible();
  expect(await editorText(page)).toBe('');
  await network.owner.close();
  await stranger.close();
});

/** The e-mail of whoever is signed in, read from the app's remembered session. */
async function currentEmail(page: import('@playwright/test').Page): Promise<{ email: string }> {
  const email = await page.evaluate(
    () => JSON.parse(localStorage.getItem('uzel:me') ?? '{}').user?.email as string
  );
  return { email };
}

test('AC-UI6 signing out closes every document connection at once', async ({ browser }) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const open = new Set<string>();
  anna.on('websocket', (ws) => {
    open.add(ws.url());
    ws.on('close', () => open.delete(ws.url()));
  });
  const id = await createDocument(anna, 'Черновик');
  await waitAllSaved(anna);
  expect([...open].some((url) => url.includes(id))).toBe(true);
  await openMenu(anna);
  await anna.getByTestId('sign-out').click();
  await anna.getByTestId('sign-out-dialog').getByTestId('sign-out-confirm').click();
  await expect(anna.getByRole('heading', { name: 'Вход в Узел' })).toBeVisible();
  await expect.poll(() => open.size).toBe(0);
  await network.owner.close();
});

/** Uzel's IndexedDB databases and localStorage keys on this device. */
async function deviceCopy(page: import('@playwright/test').Page) {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases())
      .map((db) => db.name ?? '')
      .filter((name) => name.startsWith('uzel'))
      .sort(),
    keys: Object.keys(localStorage)
      .filter((key) => key.startsWith('uzel:'))
      .sort()
  }));
}

test('AC-UI7 on a shared tablet, signing out can remove this device’s copy, but not while changes are unsent', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  await createDocument(anna, 'План мастер-класса «Дымковская игрушка»');
  await insertParagraphAtEnd(anna, 'Лепим барыню из красной глины.');
  await waitAllSaved(anna);
  const before = await deviceCopy(anna);
  expect(before.databases.filter((name) => name.startsWith('uzel:')).length).toBeGreaterThan(1);

  // Offline with an edit not on the server: the copy is the only place it exists.
  await network.owner.setOffline(true);
  await insertParagraphAtEnd(anna, 'Сушим игрушку три дня.');
  await waitSavedLocally(anna);
  await openMenu(anna);
  await anna.getByTestId('sign-out').click();
  const dialog = anna.getByTestId('sign-out-dialog');
  await expect(dialog.getByTestId('sign-out-forget')).toBeDisabled();
  await expect(dialog.getByRole('status')).toContainText(
    'Не все изменения с этого устройства дошли до сервера'
  );
  await dialog.getByTestId('sign-out-cancel').click();
  await expect(dialog).toBeHidden();
  // The menu it was asked from is still open; Escape closes it.
  await anna.keyboard.press('Escape');
  await expect(anna.getByTestId('menu')).toBeHidden();

  await network.owner.setOffline(false);
  await waitAllSaved(anna);
  await openMenu(anna);
  await anna.getByTestId('sign-out').click();
  await dialog.getByTestId('sign-out-forget').check();
  await dialog.getByTestId('sign-out-confirm').click();
  await expect(anna.getByRole('heading', { name: 'Вход в Узел' })).toBeVisible();
  const after = await deviceCopy(anna);
  expect(after.databases).toEqual([]);
  expect(
    after.keys.every((key) => key === 'uzel:locale' || key === 'uzel:offline-ready-told')
  ).toBe(true);
  await network.owner.close();
});
