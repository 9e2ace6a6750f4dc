import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { TestNetwork } from './fixtures/accounts.ts';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  waitAllSaved,
  selectWords
} from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const PLAN = 'Цель: познакомить учащихся с народной культурой Белгородчины.';
const TASK = 'Задача: выставка работ в библиотеке им. Лиханова ко Дню партнёрства.';

const panel = (page: Page) => page.getByTestId('comments-panel');
const thread = (page: Page, quote: string) =>
  panel(page).getByTestId('comment-thread').filter({ hasText: quote });

async function commentOn(page: Page, words: string, text: string) {
  await selectWords(page, words);
  await page.getByTestId('comment-add').click();
  await page.getByRole('combobox', { name: 'Новый комментарий' }).fill(text);
  await page.getByTestId('comment-draft').getByRole('button', { name: 'Отправить' }).click();
}

test('CM7 a thread between two people: comment, see it live, reply with a mention (CM6), resolve; CM8 clicking the words picks it', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'План проекта «Театр на окошке»');
  await insertParagraphAtEnd(anna, PLAN);
  await insertParagraphAtEnd(anna, TASK);
  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain('Лиханова');

  // Anna selects words and comments; the words are highlighted on both sides.
  await commentOn(anna, 'народной культурой', 'Уточните, о каких промыслах речь.');
  await expect(thread(anna, 'народной культурой')).toContainText('Уточните, о каких промыслах');
  await expect(thread(boris, 'народной культурой')).toContainText('Анна Лобанова');
  await expect(thread(boris, 'народной культурой')).toContainText('Уточните, о каких промыслах');
  await expect(thread(boris, 'народной культурой')).toContainText('сейчас');
  await expect(boris.locator('.ProseMirror .comment-anchor')).toHaveText('народной культурой');

  // CM8 clicking the highlighted words picks their thread.
  await boris.locator('.ProseMirror .comment-anchor').click();
  await expect(thread(boris, 'народной культурой')).toHaveClass(/active/);

  // Boris replies and mentions Anna through the @ list (keyboard typing, one person at a time).
  await thread(boris, 'народной культурой').getByRole('button', { name: 'Ответить' }).click();
  const reply = boris.getByRole('combobox', { name: 'Ответ' });
  await expect(reply).toBeFocused();
  await reply.pressSequentially('@Ан');
  await boris.getByRole('option', { name: '@Анна Лобанова' }).click();
  await reply.pressSequentially('гончарство и резьба по дереву.');
  await thread(boris, 'народной культурой').getByRole('button', { name: 'Отправить' }).click();

  // Anna sees the reply, her name shown for the stored mention.
  const annaThread = thread(anna, 'народной культурой');
  await expect(annaThread.getByTestId('comment-message')).toHaveCount(2);
  await expect(annaThread.locator('.mention')).toHaveText('@Анна Лобанова');
  await expect(annaThread.getByTestId('comment-message').nth(1)).toContainText('Борис Юрченко');
  await expect(annaThread.getByTestId('comment-message').nth(1)).toContainText(
    '@Анна Лобанова гончарство и резьба по дереву.'
  );

  // Anna resolves: the thread moves to the resolved list on both sides and the highlight goes.
  await annaThread.getByRole('button', { name: 'Решено' }).click();
  for (const page of [anna, boris]) {
    await expect(page.getByTestId('comments-resolved')).toContainText('Решённые: 1 обсуждение');
    await expect(page.getByTestId('comments-resolved').getByTestId('comment-thread')).toContainText(
      'Решено · Анна Лобанова'
    );
    await expect(page.locator('.ProseMirror .comment-anchor')).toHaveCount(0);
  }
  await waitAllSaved(anna);
  await waitAllSaved(boris);
  await anna.context().close();
  await boris.context().close();
});

/** Deletes the first occurrence of `words` from the text, as a person selecting and erasing. */
async function deleteWords(page: Page, words: string): Promise<void> {
  await selectWords(page, words);
  await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as (HTMLElement & { editor?: any }) | null;
    el!.editor.chain().deleteSelection().run();
  });
}

test('CM4 a thread whose words were deleted is listed apart with its quote; CM9 viewers read comments only', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'Методическая разработка мастер-класса');
  await insertParagraphAtEnd(anna, PLAN);
  await insertParagraphAtEnd(anna, TASK);
  await commentOn(anna, 'учащихся', 'Какого возраста?');
  await commentOn(anna, 'библиотеке им. Лиханова', 'Согласовать с библиотекой до марта.');
  await expect(panel(anna).getByTestId('comment-thread')).toHaveCount(2);

  await deleteWords(anna, 'библиотеке им. Лиханова');
  const orphaned = anna.getByTestId('comments-orphaned');
  await expect(orphaned).toContainText('Без привязки к тексту');
  await expect(orphaned.getByTestId('comment-thread')).toContainText('«библиотеке им. Лиханова»');
  await expect(orphaned.getByTestId('comment-thread')).toContainText('Согласовать с библиотекой');
  await expect(anna.locator('.ProseMirror .comment-anchor')).toHaveText('учащихся');

  const viewer = await network.open(
    await network.join('Вера Гончарова', 'viewer'),
    `/doc?id=${id}`
  );
  await expect(thread(viewer, 'учащихся')).toContainText('Какого возраста?');
  await expect(viewer.getByTestId('comments-orphaned')).toContainText('Согласовать с библиотекой');
  await expect(panel(viewer)).toContainText('доступ только для чтения');
  await expect(viewer.getByRole('button', { name: 'Ответить' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Решено' })).toHaveCount(0);
  await expect(viewer.getByTestId('comment-add')).toHaveCount(0);
  await waitAllSaved(anna);
  await anna.context().close();
  await viewer.context().close();
});

test('CM10 on a tablet in portrait and a phone the comments open as a panel; the text keeps its width; CM8 showing a thread marks its words', async ({
  browser
}) => {
  mkdirSync('tests/.artifacts', { recursive: true });
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  await createDocument(anna, 'План проекта «Театр на окошке»');
  await insertParagraphAtEnd(anna, PLAN);
  await insertParagraphAtEnd(anna, TASK);
  await commentOn(anna, 'народной культурой', 'Уточните, о каких промыслах речь.');
  await commentOn(anna, 'выставка работ', 'Нужна дата и место.');
  await anna.locator('.ProseMirror').click();

  const textWidth = () =>
    anna.locator('.ProseMirror').evaluate((el) => el.getBoundingClientRect().width);

  await anna.setViewportSize({ width: 1024, height: 768 });
  await expect(panel(anna)).toBeVisible();
  expect(await textWidth()).toBeGreaterThan(560);
  await anna.screenshot({ path: 'tests/.artifacts/comments-1024x768.png' });

  for (const [width, height] of [
    [768, 1024],
    [390, 844]
  ] as const) {
    await anna.setViewportSize({ width, height });
    await expect(panel(anna)).toBeHidden();
    expect(await textWidth()).toBeGreaterThan(width - 80);
    const toggle = anna.getByTestId('comments-toggle');
    await expect(toggle).toHaveAccessibleName('Обсуждения: 2 открытых');
    await anna.screenshot({ path: `tests/.artifacts/comments-${width}x${height}-closed.png` });
    await toggle.click();
    await expect(panel(anna)).toBeVisible();
    await expect(thread(anna, 'выставка работ')).toBeInViewport();
    await anna.screenshot({ path: `tests/.artifacts/comments-${width}x${height}-open.png` });
    // Showing a thread's words closes the panel and brings the words into view.
    await thread(anna, 'выставка работ')
      .getByRole('button', { name: /выставка работ/ })
      .click();
    await expect(panel(anna)).toBeHidden();
    await expect(anna.locator('.ProseMirror .comment-anchor-active')).toHaveText('выставка работ');
    await expect(anna.locator('.ProseMirror .comment-anchor-active')).toBeInViewport();
  }
  await anna.context().close();
});
