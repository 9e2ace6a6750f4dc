import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, editorText, rowAction, waitForServiceWorker } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const SHOTS = 'tests/.artifacts';
const picker = (page: Page) => page.getByTestId('link-picker');
const docLink = (page: Page, id: string) =>
  page.locator(`.ProseMirror a.doc-link[data-doc-link="${id}"]`);

async function backToList(page: Page) {
  await page.getByRole('link', { name: /Ко всем документам/ }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

test('LK8 type [[ and part of a title to link a document; the link opens it, it shows the backlink; a deleted target shows as in the bin, live', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const page = await network.open(network.owner);

  const target = await createDocument(page, 'Краеведческая справка: Белгородская черта');
  await backToList(page);
  const other = await createDocument(page, 'Отчёт о выставке «Ёлочная игрушка»');
  await backToList(page);
  const source = await createDocument(page, 'План проекта «Театр на окошке»');

  // [[ and part of the title, in another case: only the matching document is offered.
  await page.locator('.ProseMirror').click();
  await page.keyboard.type('Подробнее: [[бЕлГоРод');
  await expect(picker(page).getByRole('option')).toHaveText([
    'Краеведческая справка: Белгородская черта'
  ]);
  await page.screenshot({ path: `${SHOTS}/links-picker-1024.png` });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: `${SHOTS}/links-picker-768.png` });
  await page.keyboard.press('Enter');
  await expect(picker(page)).toHaveCount(0);
  await expect(docLink(page, target)).toHaveText('Краеведческая справка: Белгородская черта');
  await expect(docLink(page, target)).toHaveAttribute('href', `/doc?id=${target}`);

  // @ with ё typed as е finds «Ёлочная»; Escape closes the picker and leaves the text alone.
  await page.keyboard.type('и @елоч');
  await expect(picker(page).getByRole('option')).toHaveText(['Отчёт о выставке «Ёлочная игрушка»']);
  await page.keyboard.press('Escape');
  await expect(picker(page)).toHaveCount(0);
  expect(await editorText(page)).toContain('и @елоч');

  // A fresh @ offers every document; arrows move through them, Enter takes the selected one.
  for (let i = 0; i < '@елоч'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('@');
  await expect(picker(page).getByRole('option')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  const chosen = picker(page).locator('[aria-selected="true"]');
  await expect(chosen).toHaveCount(1);
  const chosenTitle = await chosen.innerText();
  await page.keyboard.press('Enter');
  const chosenId = chosenTitle.startsWith('Отчёт') ? other : target;
  await expect(page.locator(`.ProseMirror a.doc-link[data-doc-link="${chosenId}"]`)).toHaveCount(
    chosenId === target ? 2 : 1
  );

  // A rename shows in the link at once: the title is read from the index, not stored in the text.
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
  await docLink(page, target).first().click();
  await page.waitForURL(`**/doc?id=${target}`);
  // Opened inside the app, without reloading the page.
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
    'same page'
  );
  await expect(page.getByTestId('doc-title')).toHaveValue(
    'Краеведческая справка: Белгородская черта'
  );
  const backlinks = page.getByTestId('backlinks');
  await expect(backlinks.getByRole('heading')).toHaveText('Ссылаются на этот документ');
  await expect(backlinks.getByRole('link')).toHaveText(['План проекта «Театр на окошке»']);
  await page.screenshot({ path: `${SHOTS}/links-backlinks-768.png`, fullPage: true });

  // Back to the plan through the backlink; a colleague's tab (here: a second tab) deletes the
  // target and then restores it: the link follows both, without reopening anything.
  await backlinks.getByRole('link', { name: 'План проекта «Театр на окошке»' }).click();
  await page.waitForURL(`**/doc?id=${source}`);
  const link = docLink(page, target).first();
  await expect(link).toHaveAttribute('data-state', 'ok');

  const colleague = await network.open(network.owner);
  await rowAction(colleague, target, 'Удалить');
  await expect(link).toHaveAttribute('data-state', 'deleted');
  await expect(link).toHaveAttribute('title', 'в корзине');
  await expect(link).toHaveCSS('text-decoration-line', 'line-through');
  // Said in words next to the title too, not only in a tooltip a tablet cannot show.
  expect(await link.evaluate((el) => getComputedStyle(el, '::after').content)).toBe('"в корзине"');
  await page.screenshot({ path: `${SHOTS}/links-deleted-768.png` });

  await colleague.getByText('Корзина (1)').click();
  await colleague
    .locator(`[data-testid="bin-row"][data-id="${target}"]`)
    .getByRole('button', { name: 'Восстановить' })
    .click();
  await expect(link).toHaveAttribute('data-state', 'ok');
  await expect(link).not.toHaveAttribute('title');
});

test('LK9 a link to a document not known yet says so and comes alive when it arrives; a hostile id is inert text', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Ирина Волкова');
  const page = await network.open(network.owner);
  await createDocument(page, 'Заметка со ссылками');

  // A colleague, offline, creates a document: its id exists before this index knows it.
  const colleagueContext = await network.join('Пётр Смирнов', 'editor');
  const colleague = await network.open(colleagueContext);
  await expect(colleague.getByTestId('create-document')).toBeVisible();
  // Offline, the document page comes from the service worker's cache.
  await waitForServiceWorker(colleague);
  await colleagueContext.setOffline(true);
  const later = await createDocument(colleague, 'Положение о конкурсе «Народная кукла»');

  await page.evaluate((id) => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor
      .chain()
      .focus('end')
      .insertContent([
        { type: 'docLink', attrs: { docId: id } },
        { type: 'text', text: ' ' },
        { type: 'docLink', attrs: { docId: 'javascript:alert(document.cookie)' } }
      ])
      .run();
  }, later);

  const missing = docLink(page, later);
  await expect(missing).toHaveText('документ не найден');
  await expect(missing).toHaveAttribute('data-state', 'missing');
  const hostile = page.locator('.ProseMirror .doc-link--invalid');
  await expect(hostile).toHaveText('повреждённая ссылка');
  expect(await hostile.evaluate((el) => el.tagName)).toBe('SPAN');
  await expect(page.locator('.ProseMirror [href*="javascript"]')).toHaveCount(0);
  // Copying keeps the refusal: the HTML carries no address for the hostile id.
  const html = await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    return el.editor.getHTML() as string;
  });
  expect(html).toContain(`href="/doc?id=${later}"`);
  expect(html).not.toContain('javascript');

  await colleagueContext.setOffline(false);
  await expect(missing).toHaveAttribute('data-state', 'ok');
  await expect(missing).toHaveText('Положение о конкурсе «Народная кукла»');
});

test('LK10 on a phone-sized touch screen, a tap on the picker inserts the link and a tap on it opens the document', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Ольга Юрченко');
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    storageState: await network.owner.storageState()
  });
  const page = await network.open(phone);
  const target = await createDocument(page, 'Методическая разработка «Народная кукла»');
  await backToList(page);
  await createDocument(page, 'Мастер-класс для родителей');

  await page.locator('.ProseMirror').tap();
  await page.keyboard.type('Основа занятия: @кукл');
  const option = picker(page).getByRole('option');
  await expect(option).toHaveText(['Методическая разработка «Народная кукла»']);
  await page.screenshot({ path: `${SHOTS}/links-picker-390.png` });
  await option.tap();
  await expect(picker(page)).toHaveCount(0);
  await expect(docLink(page, target)).toHaveText('Методическая разработка «Народная кукла»');
  // The tap left the caret in the text: typing goes on after the link.
  await page.keyboard.type('— по ней и работаем.');
  await expect.poll(() => editorText(page)).toContain('Народная кукла» — по ней и работаем.');

  await docLink(page, target).tap();
  await page.waitForURL(`**/doc?id=${target}`);
  await expect(page.getByTestId('backlinks').getByRole('link')).toHaveText([
    'Мастер-класс для родителей'
  ]);
  await page.screenshot({ path: `${SHOTS}/links-backlinks-390.png`, fullPage: true });
});
