import { expect, test, type Page } from '@playwright/test';
import { createDocument, treeRow } from './fixtures/app.ts';
import {
  APP_PAGES,
  PUBLIC_APP_PAGES,
  SCREENS,
  overflow,
  settled,
  targetSize,
  touchMember
} from './fixtures/frame.ts';
import { ServerProcess } from './fixtures/server.ts';
import { seedDocuments } from './fixtures/workspaceSeed.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const SHOTS = 'test-results/frame-screens';

async function barHeight(page: Page): Promise<number> {
  return page.getByTestId('app-bar').evaluate((el) => el.getBoundingClientRect().height);
}

for (const screen of SCREENS) {
  test.describe(`${screen.name} ${screen.width}×${screen.height}`, () => {
    test(`FR1 FR2 one bar of at most 56 px and no sideways scrolling on every page (${screen.name})`, async ({
      browser
    }) => {
      const { context } = await touchMember(browser, server.url, screen);
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await settled(page);
      const docId = await createDocument(
        page,
        'Методическая разработка мастер-класса «Гжельская роспись» для младших школьников'
      );
      for (const path of [...APP_PAGES, `/doc?id=${docId}`]) {
        await page.goto(server.url + path);
        await settled(page);
        expect(await barHeight(page), `bar on ${path}`).toBeLessThanOrEqual(56);
        const { scroll, inner, culprit } = await overflow(page);
        expect(scroll, `sideways on ${path}: ${culprit}`).toBeLessThanOrEqual(inner);
        await page.screenshot({
          path: `${SHOTS}/${screen.name}${path.replace(/[/?=]/g, '_')}.png`,
          fullPage: false
        });
      }
      await context.close();

      const guest = await browser.newContext({
        viewport: { width: screen.width, height: screen.height },
        hasTouch: true
      });
      const out = await guest.newPage();
      for (const path of PUBLIC_APP_PAGES) {
        await out.goto(server.url + path);
        await expect(out.getByTestId('app-bar')).toBeVisible();
        expect(await barHeight(out)).toBeLessThanOrEqual(56);
        const { scroll, inner, culprit } = await overflow(out);
        expect(scroll, `sideways on ${path}: ${culprit}`).toBeLessThanOrEqual(inner);
        await out.screenshot({ path: `${SHOTS}/${screen.name}${path.replace(/\//g, '_')}.png` });
      }
      await guest.close();
    });

    test(`FR3 FR4 every section is reachable from the menu and the bar's controls are at least 44×44 (${screen.name})`, async ({
      browser
    }) => {
      const { context } = await touchMember(browser, server.url, screen);
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await settled(page);
      for (const selector of [
        '[data-testid="menu-button"]',
        '[data-testid="search-button"]',
        '[data-testid="sync-indicator"]',
        '.bar .person',
        '.bar .brand'
      ]) {
        const size = await targetSize(page, selector);
        expect(size.width, selector).toBeGreaterThanOrEqual(44);
        expect(size.height, selector).toBeGreaterThanOrEqual(44);
      }
      for (const [label, path] of [
        ['Партнёры', '/partners'],
        ['Договоры', '/agreements'],
        ['Проекты', '/projects'],
        ['Календарь', '/calendar'],
        ['Карта сети', '/map'],
        ['Отчёт', '/report'],
        ['Участники', '/members'],
        ['Импорт и архив', '/backup']
      ] as const) {
        await page.getByTestId('menu-button').tap();
        const link = page.getByTestId('menu').getByRole('link', { name: label, exact: true });
        await expect(link).toBeInViewport();
        const box = (await link.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
        await link.tap();
        await expect(page).toHaveURL(new RegExp(`${path}$`));
        // The menu closes and gives the focus back to its button.
        await expect(page.getByTestId('menu')).not.toBeVisible();
      }

      // The sync mark opens to its full sentence.
      await page.getByTestId('sync-indicator').tap();
      await expect(page.getByTestId('sync-status')).toBeVisible();
      await expect(page.getByTestId('sync-status')).toContainText(
        'Все изменения сохранены на сервере'
      );
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('sync-status')).not.toBeVisible();
      await expect(page.getByTestId('sync-indicator')).toBeFocused();

      // Search is a button that opens to a field.
      await page.getByTestId('search-button').tap();
      await expect(page.getByTestId('header-search')).toBeFocused();
      await page.getByTestId('header-search').fill('роспись');
      await page.getByTestId('header-search').press('Enter');
      await expect(page).toHaveURL(/\/search\?q=/);
      await context.close();
    });

    test(`FR5 undo and redo by tap, and the typed line stays in view (${screen.name})`, async ({
      browser
    }) => {
      const { context } = await touchMember(browser, server.url, screen);
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await settled(page);
      await createDocument(page, 'План мастер-класса');
      // A long document: the caret's line ends far below the first screen.
      await page.evaluate(() => {
        const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
        const paragraphs = Array.from({ length: 80 }, (_, i) => ({
          type: 'paragraph',
          content: [{ type: 'text', text: `Шаг ${i + 1}: подготовить глину, кисти и палитру.` }]
        }));
        el.editor.chain().insertContentAt(0, paragraphs).run();
      });
      const undo = page.getByTestId('toolbar-undo');
      const redo = page.getByTestId('toolbar-redo');
      for (const button of [undo, redo]) {
        const box = (await button.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(44);
        expect(box.height).toBeGreaterThanOrEqual(44);
        await expect(button).toBeInViewport();
      }
      await page.locator('.ProseMirror').tap();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Итог занятия');
      const caret = await page.evaluate(() => {
        const selection = window.getSelection()!;
        const rect = selection.getRangeAt(0).getBoundingClientRect();
        const viewport = window.visualViewport!;
        const bar = document.querySelector('[data-testid="app-bar"]')!.getBoundingClientRect();
        const toolbar = document
          .querySelector('[data-testid="editor-toolbar"]')!
          .getBoundingClientRect();
        return {
          top: rect.top,
          bottom: rect.bottom,
          covered: Math.max(bar.bottom, toolbar.bottom),
          viewportBottom: viewport.offsetTop + viewport.height
        };
      });
      expect(caret.top).toBeGreaterThanOrEqual(caret.covered);
      expect(caret.bottom).toBeLessThanOrEqual(caret.viewportBottom);

      await expect(page.locator('.ProseMirror')).toContainText('Итог занятия');
      await undo.tap();
      await expect(page.locator('.ProseMirror')).not.toContainText('Итог занятия');
      await redo.tap();
      await expect(page.locator('.ProseMirror')).toContainText('Итог занятия');
      await page.screenshot({ path: `${SHOTS}/${screen.name}_doc-typing.png` });
      await context.close();
    });
  });
}

test('FR6 the language chosen stays after a reload, on the page as lang', async ({ browser }) => {
  const { context } = await touchMember(browser, server.url, SCREENS[0]);
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await settled(page);
  await page.getByTestId('menu-button').click();
  await page.getByTestId('locale-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await settled(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('menu-button')).toHaveAccessibleName('Menu');
  await context.close();
});

test('FR7 a delete far down a long list keeps «Вернуть» on screen and the focus on the next row; Escape on a row menu gives the focus back', async ({
  browser
}) => {
  const { context, workspaceId } = await touchMember(browser, server.url, SCREENS[2]);
  const docs = await seedDocuments(context, server.url, workspaceId, 12);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url + '/');
  await settled(page);
  await expect(page.getByTestId('document-row')).toHaveCount(12);

  // Escape on a row's menu: back to the row, no error.
  const last = docs[docs.length - 1]!;
  const before = docs[docs.length - 2]!;
  await treeRow(page, before.id).scrollIntoViewIfNeeded();
  await treeRow(page, before.id).getByTestId('row-actions').tap();
  await expect(page.getByTestId('row-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('row-menu')).toBeHidden();
  await expect(treeRow(page, before.id)).toBeFocused();

  // Delete the second-to-last: the toast is in view, the last row takes the focus.
  await treeRow(page, before.id).getByTestId('row-actions').tap();
  await page.getByTestId('row-menu').getByRole('menuitem', { name: 'Удалить' }).tap();
  const toast = page.getByTestId('deleted-toast');
  await expect(toast).toBeInViewport();
  await expect(toast).toContainText(`Документ «${before.title}» перемещён в корзину`);
  await expect(treeRow(page, last.id)).toBeFocused();
  const undo = toast.getByRole('button', { name: 'Вернуть' });
  const box = (await undo.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await undo.tap();
  await expect(treeRow(page, before.id)).toBeVisible();
  await expect(page.getByTestId('document-row')).toHaveCount(12);
  expect(errors).toEqual([]);
  await context.close();
});
