import { expect, test, type Browser, type Page } from '@playwright/test';
import { createDocument, insertParagraphAtEnd, treeRow } from './fixtures/app.ts';
import {
  APP_PAGES,
  PUBLIC_APP_PAGES,
  SCREENS,
  overflow,
  settled,
  targetSize,
  touchMember,
  type Screen
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

/** The caret's box, what covers the top of the page, and the bottom of what can be seen. */
function caretPlace(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const view = el.editor.view;
    const rect = view.coordsAtPos(view.state.selection.head);
    const viewport = window.visualViewport!;
    const bar = document.querySelector('[data-testid="app-bar"]')!.getBoundingClientRect();
    const toolbar = document
      .querySelector('[data-testid="editor-toolbar"]')!
      .getBoundingClientRect();
    return {
      top: rect.top as number,
      bottom: rect.bottom as number,
      covered: Math.max(bar.bottom, toolbar.top <= bar.bottom + 1 ? toolbar.bottom : 0),
      viewportBottom: viewport.offsetTop + viewport.height
    };
  });
}

for (const screen of [SCREENS[1], SCREENS[2]]) {
  test(`FR9 a line typed under the bar comes into view, and stays in view when the on-screen keyboard shrinks the screen; the link picker stays inside what can be seen (${screen.name})`, async ({
    browser
  }) => {
    const { context } = await touchMember(browser, server.url, screen);
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await settled(page);
    await createDocument(page, 'Конспект занятия «Глиняная игрушка»');
    await page.evaluate(() => {
      const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
      const paragraphs = Array.from({ length: 60 }, (_, i) => ({
        type: 'paragraph',
        content: [{ type: 'text', text: `Шаг ${i + 1}: вылепить, просушить, расписать.` }]
      }));
      el.editor.chain().insertContentAt(0, paragraphs).run();
    });
    await page.locator('.ProseMirror').tap();

    // The caret on a line that the bar and the toolbar cover: typing brings it out.
    await page.evaluate(() => {
      const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
      let at = 0;
      el.editor.state.doc.descendants((node: any, pos: number) => {
        if (node.isText && node.text.startsWith('Шаг 30:')) at = pos + node.text.length;
      });
      el.editor.commands.setTextSelection(at);
    });
    // A frame later (the caret's own scroll is done), the page is scrolled by a finger.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await page.evaluate(() => {
      const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
      const rect = el.editor.view.coordsAtPos(el.editor.state.selection.head);
      window.scrollBy(0, rect.top - 60);
    });
    const hidden = await caretPlace(page);
    expect(hidden.top, 'the caret starts under the bar').toBeLessThan(hidden.covered);
    await page.keyboard.type(' Глазурь');
    await expect(page.locator('.ProseMirror')).toContainText('расписать. Глазурь');
    await expect
      .poll(async () => (await caretPlace(page)).top - (await caretPlace(page)).covered)
      .toBeGreaterThanOrEqual(0);

    // The keyboard opens over the lower part of the screen while the caret is at the end.
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Итог');
    await page.setViewportSize({ width: screen.width, height: screen.height - 340 });
    await expect
      .poll(async () => {
        const place = await caretPlace(page);
        return place.bottom <= place.viewportBottom && place.top >= place.covered;
      })
      .toBe(true);

    // A link picker opened at the bottom line goes above it, below the bar, above the keyboard.
    await page.keyboard.type(' [[');
    const picker = page.getByTestId('link-picker');
    await expect(picker).toBeVisible();
    await expect
      .poll(async () => {
        const box = (await picker.boundingBox())!;
        const place = await caretPlace(page);
        return box.y >= place.covered && box.y + box.height <= place.viewportBottom;
      })
      .toBe(true);
    await page.screenshot({ path: `${SHOTS}/${screen.name}_doc-keyboard.png` });
    await context.close();
  });
}

/** A signed-in member's page on a touch `screen`, opened at `path` and settled. */
async function touchPage(browser: Browser, screen: Screen, path: string) {
  const { context } = await touchMember(browser, server.url, screen);
  const page = await context.newPage();
  await page.goto(server.url + path);
  await settled(page);
  return { context, page };
}

test('FR10 a calendar event is a 44×44 target on a landscape tablet, a portrait tablet and a phone', async ({
  browser
}) => {
  const { context, page } = await touchPage(browser, SCREENS[0], '/calendar');
  const today = await page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
  for (const title of ['Творческий вечер «Мамины руки»', 'Круглый стол библиотекарей']) {
    await page.getByTestId('create-event').click();
    await page.getByTestId('event-title').fill(title);
    await page.getByTestId('event-start-date').fill(today);
    await page.getByTestId('event-start-time').fill('15:00');
    await page.getByTestId('event-end-time').fill('17:00');
    await page.getByTestId('event-save').click();
    await page.goto(server.url + '/calendar');
    await settled(page);
  }
  for (const screen of SCREENS) {
    await page.setViewportSize({ width: screen.width, height: screen.height });
    const chips = page.locator(`td[data-date="${today}"] [data-testid="event-chip"]`);
    await expect(chips.first()).toBeVisible();
    for (const chip of await chips.all()) {
      const box = (await chip.boundingBox())!;
      expect(box.width, screen.name).toBeGreaterThanOrEqual(44);
      expect(box.height, screen.name).toBeGreaterThanOrEqual(44);
    }
    const { scroll, inner, culprit } = await overflow(page);
    expect(scroll, `sideways: ${culprit}`).toBeLessThanOrEqual(inner);
    await page.screenshot({ path: `${SHOTS}/${screen.name}_calendar-events.png` });
  }
  await context.close();
});

test('FR11 a restored version is taken back with the «Отменить» button in its message; a task’s checkbox is named in Russian', async ({
  browser
}) => {
  const { context, page } = await touchPage(browser, SCREENS[1], '/');
  await createDocument(page, 'Мастер-класс «Дымковская игрушка»');
  await insertParagraphAtEnd(page, 'Лепим барыню из красной глины.');
  const dialog = page.getByTestId('history-dialog');
  await page.getByTestId('history-open').tap();
  await dialog.getByTestId('history-name').fill('Перед занятием');
  await dialog.getByTestId('history-save').tap();
  const version = dialog
    .getByTestId('history-versions')
    .getByRole('button', { name: /Перед занятием/ });
  await expect(version).toBeVisible();
  await dialog.getByRole('button', { name: 'Закрыть' }).tap();
  await insertParagraphAtEnd(page, 'Расписываем узором.');

  await page.getByTestId('history-open').tap();
  await version.tap();
  page.once('dialog', (d) => void d.accept());
  await dialog.getByTestId('history-restore').tap();
  await expect(page.locator('.ProseMirror')).not.toContainText('Расписываем узором.');
  const notice = page.getByTestId('history-notice');
  await expect(notice).toContainText('Версия восстановлена.');
  await expect(notice).not.toContainText('Ctrl');
  const undo = notice.getByRole('button', { name: 'Отменить' });
  const box = (await undo.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await undo.tap();
  await expect(page.locator('.ProseMirror')).toContainText('Расписываем узором.');
  await expect(page.locator('.ProseMirror')).toContainText('Лепим барыню из красной глины.');
  await expect(notice).toContainText('Восстановление отменено.');

  // A screen reader reads a task's checkbox in the interface's language, with the task's words.
  await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.insertContentAt(el.editor.state.doc.content.size, {
      type: 'taskList',
      content: [
        {
          type: 'taskItem',
          attrs: { checked: false },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Подготовить глину' }] }]
        }
      ]
    });
  });
  await expect(page.locator('.ProseMirror input[type="checkbox"]')).toHaveAccessibleName(
    'Не выполнено: Подготовить глину'
  );
  await context.close();
});
