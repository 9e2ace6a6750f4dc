import { expect, test } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, insertParagraphAtEnd, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('TB5 a table inserted and reshaped by touch shows with its header row, and a colleague sees the same table', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  // A tablet: touch only, so every step below is a tap.
  const tablet = await browser.newContext({
    viewport: { width: 820, height: 1180 },
    hasTouch: true,
    isMobile: true,
    storageState: await network.owner.storageState()
  });
  const anna = await network.open(tablet);
  const id = await createDocument(anna, 'Расписание мастер-классов');
  await insertParagraphAtEnd(anna, 'Расписание на март:');

  const editor = anna.locator('.ProseMirror');
  await editor.locator('p', { hasText: 'Расписание на март' }).tap();
  // A tablet in portrait shows the main actions; inserting waits behind «Ещё».
  await anna.getByTestId('toolbar-more').tap();
  await anna.getByRole('button', { name: 'Вставить таблицу 3 × 3 со строкой заголовка' }).tap();
  const table = editor.locator('table');
  await expect(table).toBeVisible();
  await expect(table.locator('tr')).toHaveCount(3);
  await expect(table.locator('tr').first().locator('th')).toHaveCount(3);

  await anna.keyboard.type('Мастер-класс');
  const tools = anna.getByRole('toolbar', { name: 'Таблица' });
  await tools.getByRole('button', { name: 'Строка ниже' }).tap();
  await tools.getByRole('button', { name: 'Столбец справа' }).tap();
  await expect(table.locator('tr')).toHaveCount(4);
  await expect(table.locator('tr').first().locator('th')).toHaveCount(4);

  // The header row goes off and on again; its state shows on the button.
  const header = tools.getByRole('button', { name: 'Строка заголовка' });
  await expect(header).toHaveAttribute('aria-pressed', 'true');
  await header.tap();
  await expect(table.locator('th')).toHaveCount(0);
  await expect(header).toHaveAttribute('aria-pressed', 'false');
  await header.tap();
  await expect(table.locator('tr').first().locator('th')).toHaveCount(4);
  const headerCell = table.locator('th', { hasText: 'Мастер-класс' });
  await expect(headerCell).toBeVisible();
  // A header cell reads as one: shaded, bold.
  const look = await headerCell.evaluate((el) => ({
    weight: Number(getComputedStyle(el).fontWeight),
    background: getComputedStyle(el).backgroundColor
  }));
  expect(look.weight).toBeGreaterThanOrEqual(600);
  expect(look.background).not.toBe('rgba(0, 0, 0, 0)');
  // Big enough for a finger.
  const box = await tools.getByRole('button', { name: 'Строка ниже' }).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(40);

  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  const seen = boris.locator('.ProseMirror table');
  await expect(seen.locator('tr')).toHaveCount(4);
  await expect(seen.locator('th', { hasText: 'Мастер-класс' })).toBeVisible();
  await waitAllSaved(anna);
  await anna.context().close();
  await network.owner.close();
  await boris.context().close();
});
