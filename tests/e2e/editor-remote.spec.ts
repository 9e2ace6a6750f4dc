import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, editorText, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const PARAGRAPHS = 40;

/** Marks every top-level node of the page's editor, to tell later whether it is the same one. */
function markBlocks(page: Page): Promise<void> {
  return page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const w = window as unknown as { __blocks: WeakSet<object> };
    w.__blocks = new WeakSet();
    el.editor.state.doc.forEach((node: object) => w.__blocks.add(node));
  });
}

/** How many top-level nodes of the page's editor are not the ones marked. */
function newBlocks(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const w = window as unknown as { __blocks: WeakSet<object> };
    let fresh = 0;
    el.editor.state.doc.forEach((node: object) => void (w.__blocks.has(node) || fresh++));
    return fresh;
  });
}

test('SY7 a colleague’s word rebuilds only the paragraph it lands in; the texts converge and the caret stays where it was', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'План выставки декоративно-прикладного творчества');
  await anna.evaluate((count) => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const content = Array.from({ length: count }, (_, i) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: `Раздел ${i + 1}: работы учеников студии керамики.` }]
    }));
    el.editor.commands.setContent(content);
  }, PARAGRAPHS);
  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain(`Раздел ${PARAGRAPHS}:`);

  // Boris types at the end of the last paragraph while Anna writes in the first one.
  await boris.locator('.ProseMirror p').last().click();
  await boris.keyboard.press('End');
  await markBlocks(boris);
  await anna.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.insertContentAt(1, 'Глина, ');
  });
  await expect.poll(() => editorText(boris)).toContain('Глина, Раздел 1:');
  expect(await newBlocks(boris)).toBe(1);
  await boris.keyboard.type(' Подписи готовы.');

  const last = `Раздел ${PARAGRAPHS}: работы учеников студии керамики. Подписи готовы.`;
  await expect.poll(() => editorText(anna)).toContain(last);
  expect(await editorText(boris)).toBe(await editorText(anna));
  await waitAllSaved(anna);
  await waitAllSaved(boris);
  await anna.context().close();
  await boris.context().close();
});
