import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, editorText, insertParagraphAtEnd, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const PLAN = 'Цель: познакомить учащихся с народной культурой Белгородчины.';
const TASK = 'Задача: выставка работ в библиотеке им. Лиханова ко Дню партнёрства.';

/**
 * Selects the first occurrence of `words` in the editor, as a finger or a mouse would leave it:
 * a ProseMirror text selection (dragging across words in two pages at once is not deterministic).
 */
async function selectWords(page: Page, words: string): Promise<void> {
  await page.evaluate((target) => {
    const el = document.querySelector('.ProseMirror') as (HTMLElement & { editor?: any }) | null;
    if (!el?.editor) throw new Error('no editor on the page');
    let range: { from: number; to: number } | null = null;
    el.editor.state.doc.descendants((node: any, pos: number) => {
      if (range || !node.isText) return !range;
      const at = (node.text as string).indexOf(target);
      if (at >= 0) range = { from: pos + at, to: pos + at + target.length };
      return false;
    });
    if (!range) throw new Error(`«${target}» is not in the document`);
    el.editor.chain().focus().setTextSelection(range).run();
  }, words);
}

const panel = (page: Page) => page.getByTestId('comments-panel');
const thread = (page: Page, quote: string) =>
  panel(page).getByTestId('comment-thread').filter({ hasText: quote });

async function commentOn(page: Page, words: string, text: string) {
  await selectWords(page, words);
  await page.getByTestId('comment-add').click();
  await page.getByRole('combobox', { name: 'Новый комментарий' }).fill(text);
  await page.getByTestId('comment-draft').getByRole('button', { name: 'Отправить' }).click();
}

test('CM7 a thread between two people: comment, see it live, reply with a mention, resolve', async ({
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
    await expect(
      page.getByTestId('comments-resolved').getByTestId('comment-thread')
    ).toContainText('Решено · Анна Лобанова');
    await expect(page.locator('.ProseMirror .comment-anchor')).toHaveCount(0);
  }
  await waitAllSaved(anna);
  await waitAllSaved(boris);
  await anna.context().close();
  await boris.context().close();
});
