import { expect, test } from '@playwright/test';
import { createDocument, status } from './fixtures/app.ts';
import { TestNetwork } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const UNSENT_ONE = '1 документ с изменениями только на этом устройстве';

test('SS3 one sentence typed offline reads as one document with unsent changes on the document and on the home page; WS21 a lone tab never says another tab syncs', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Вера Соколова');
  // Everything the page ever shows is watched from its first byte, so a flash counts too.
  await network.owner.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { seenTexts: string[] }).seenTexts = seen;
    new MutationObserver(() => {
      const text = document.body?.innerText ?? '';
      if (text.includes('другой вкладке')) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await network.open(network.owner);
  await expect(page.getByTestId('workspace-sync')).not.toHaveAttribute('data-synced-at', '');

  await createDocument(page, 'План мастер-класса');
  await expect(status(page)).toContainText('Все изменения сохранены на сервере');
  await network.owner.setOffline(true);
  await expect(status(page)).toHaveAttribute('data-connection', 'offline');
  await page.locator('.ProseMirror').click();
  await page.keyboard.type('Дети лепят птичку из глины и расписывают её.');
  // Dozens of edits went into that sentence: a person counts one document.
  await expect(status(page)).toContainText(UNSENT_ONE);
  await expect(status(page)).not.toContainText(/\d+ изменени(е|я|й)/);

  await page.getByRole('link', { name: 'Документы' }).first().click();
  await expect(page.getByTestId('document-list')).toBeVisible();
  await expect(status(page)).toContainText(UNSENT_ONE);
  await expect(page.getByText(UNSENT_ONE)).toHaveCount(1);

  await network.owner.setOffline(false);
  await expect(status(page)).toContainText('Все изменения сохранены на сервере');
  await expect(status(page)).not.toContainText('только на этом устройстве');
  expect(
    await page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts)
  ).toEqual([]);
  await network.owner.close();
});
