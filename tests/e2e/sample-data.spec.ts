import { expect, test } from '@playwright/test';
import { editorText, openApp } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start({ SAMPLE_DATA: 'on' })));
test.afterAll(async () => server.dispose());

test('SD3 a first start shows Russian sample documents that open in the editor', async ({
  browser
}) => {
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  const page = await openApp(context, server.url, 'Массольд Е. Д.');
  await expect(page.getByText('4 документа', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: /План проекта «Театр на окошке»/ }).click();
  await expect.poll(() => editorText(page)).toContain('Подготовить сценарий первого вечера');
  await expect(page.locator('.ProseMirror ul[data-type="taskList"] li')).toHaveCount(3);
  await expect(page.locator('.ProseMirror h2').first()).toHaveText('Цель');
  await context.close();
});
