import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  selectWords,
  waitAllSaved
} from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/** Puts the page's caret right after `words` (through the editor, see STACK.md trap 8). */
async function placeCaretAfter(page: Page, words: string): Promise<void> {
  await selectWords(page, words);
  await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as (HTMLElement & { editor?: any }) | null;
    el!.editor.commands.setTextSelection(el!.editor.state.selection.to);
  });
}

/**
 * What a person sees of a colleague: a caret drawn in a real (not transparent) colour, its name
 * label in the same colour, inside the colleague's paragraph, right after the words before it.
 */
async function expectVisibleCaret(page: Page, name: string, textBefore: string): Promise<void> {
  const label = page.locator('.collaboration-carets__label', { hasText: name });
  await expect(label).toBeVisible();
  const caret = page.locator('.collaboration-carets__caret').filter({ has: label });
  await expect(caret).toHaveCount(1);
  await expect
    .poll(() =>
      caret.evaluate((el) => {
        const before = document.createRange();
        before.setStart(el.closest('p')!, 0);
        before.setEndBefore(el);
        return before.toString();
      })
    )
    .toBe(textBefore);
  const colours = await caret.evaluate((el) => ({
    caret: getComputedStyle(el).borderLeftColor,
    label: getComputedStyle(el.querySelector('.collaboration-carets__label')!).backgroundColor
  }));
  expect(colours.caret).toMatch(/^rgb\(/);
  expect(colours.caret).not.toBe(TRANSPARENT);
  expect(colours.label).toBe(colours.caret);
  const box = await caret.boundingBox();
  expect(box && box.height).toBeGreaterThan(8);
}

/** The colleague's avatar in the document's header: initials on a coloured disc, named. */
async function expectAvatar(page: Page, name: string): Promise<void> {
  const avatar = page.getByTestId('presence').getByRole('listitem').filter({ hasText: name });
  await expect(avatar).toBeVisible();
  await expect(avatar).toHaveAttribute('title', name);
  const background = await avatar.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe(TRANSPARENT);
}
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('SY1 two people editing one document at once converge; PR1 each sees the other’s caret in a visible colour with the name at their position, and their avatar', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'План проекта «Театр на окошке»');
  await insertParagraphAtEnd(anna, 'Цель: познакомить учащихся с народной культурой Белгородчины.');

  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  const colourWarnings: string[] = [];
  for (const page of [anna, boris])
    page.on('console', (message) => {
      if (/unsupported color format/i.test(message.text())) colourWarnings.push(message.text());
    });
  await expect.poll(() => editorText(boris)).toContain('народной культурой Белгородчины');
  await expect(boris.getByTestId('doc-title')).toHaveValue('План проекта «Театр на окошке»');

  // Concurrent edits from both sides, through editor commands.
  await Promise.all([
    insertParagraphAtEnd(anna, 'Задача Анны: выставка в библиотеке им. Лиханова.'),
    insertParagraphAtEnd(boris, 'Задача Бориса: мастер-класс в краеведческом музее.')
  ]);
  for (const page of [anna, boris]) {
    await expect.poll(() => editorText(page)).toContain('Задача Анны');
    await expect.poll(() => editorText(page)).toContain('Задача Бориса');
  }
  expect(await editorText(anna)).toBe(await editorText(boris));

  // Presence: each sees the other's caret, in a visible colour, with the name, where the other
  // person's caret is; and the other's avatar in the document's header.
  await placeCaretAfter(boris, 'мастер-класс');
  await expectVisibleCaret(anna, 'Борис Юрченко', 'Задача Бориса: мастер-класс');
  await placeCaretAfter(anna, 'выставка');
  await expectVisibleCaret(boris, 'Анна Лобанова', 'Задача Анны: выставка');
  await expectAvatar(anna, 'Борис Юрченко');
  await expectAvatar(boris, 'Анна Лобанова');
  expect(colourWarnings, 'the caret plugin refused no colour').toEqual([]);

  // Leaving removes the caret.
  await boris.context().close();
  await expect(
    anna.locator('.collaboration-carets__label', { hasText: 'Борис Юрченко' })
  ).toHaveCount(0);
  await expect(anna.getByTestId('presence')).toHaveCount(0);
  await waitAllSaved(anna);
  await anna.context().close();
});

test('SY3 typing with the keyboard reaches the other person and both show every change saved', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'Протокол круглого стола');
  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  await expect(boris.locator('.ProseMirror')).toBeVisible();

  await anna.locator('.ProseMirror').click();
  await anna.keyboard.type('Решили провести день партнёрского взаимодействия в марте.');
  await anna.keyboard.press('Enter');
  await anna.keyboard.press('Control+b');
  await anna.keyboard.type('Ответственный: Центр технического творчества.');

  await expect
    .poll(() => editorText(boris))
    .toContain('Ответственный: Центр технического творчества.');
  await expect(boris.locator('.ProseMirror strong')).toHaveText(
    'Ответственный: Центр технического творчества.'
  );
  await waitAllSaved(anna);
  await waitAllSaved(boris);
  await anna.context().close();
  await boris.context().close();
});
