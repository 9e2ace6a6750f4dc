import { expect, test } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { editorText, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start({ SAMPLE_DATA: 'on' })));
test.afterAll(async () => server.dispose());

test('SD3 the first workspace on a new server holds Russian sample documents that open in the editor', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Массольд Елена');
  const page = await network.open(network.owner);
  await expect(page.getByText('7 документов', { exact: true })).toBeVisible();
  // The samples sit in two folders; the plan is inside «Совместные проекты и мероприятия».
  await page
    .locator('[data-testid="document-row"][data-id="sample-projects"]')
    .getByRole('button', { name: 'Развернуть' })
    .click();
  await page.getByRole('link', { name: /План проекта «Театр на окошке»/ }).click();
  await expect.poll(() => editorText(page)).toContain('Подготовить сценарий первого вечера');
  await expect(page.locator('.ProseMirror ul[data-type="taskList"] li')).toHaveCount(3);
  await expect(page.locator('.ProseMirror h2').first()).toHaveText('Цель');
  // Opening a document changes nothing in it: no edit waits to be sent.
  await waitAllSaved(page);

  // Only the first workspace gets them.
  const second = await TestNetwork.create(
    browser,
    server.url,
    'Лобанова Людмила',
    'Второе пространство'
  );
  const empty = await second.open(second.owner);
  await expect(empty.getByText('Документов пока нет')).toBeVisible();
  await network.owner.close();
  await second.owner.close();
});
