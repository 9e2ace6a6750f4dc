import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, insertParagraphAtEnd, selectWords } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const FIRST = 'Лепим барыню из красной глины.';
const SECOND = 'Сушим игрушку три дня.';

/** The page's own editor (the history's read-only view is a second ProseMirror). */
const EDITOR = '[data-testid="editor"] .ProseMirror';
const pageEditor = (page: Page) => page.locator(EDITOR);

test('VH7 save a named version, change the text, see the change highlighted, restore it, and undo the restore', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'Мастер-класс «Дымковская игрушка»');
  await insertParagraphAtEnd(anna, FIRST);
  await insertParagraphAtEnd(anna, SECOND);

  // Save a named version.
  const dialog = anna.getByTestId('history-dialog');
  await anna.getByTestId('history-open').click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('history-name').fill('Перед занятием');
  await dialog.getByTestId('history-save').click();
  const versions = dialog.getByTestId('history-versions');
  await expect(versions.getByRole('button', { name: /Перед занятием/ })).toContainText(
    /сегодня в \d{1,2}:\d{2}/
  );
  await expect(versions).toContainText('Анна Лобанова');
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  await expect(dialog).toBeHidden();

  // Change the text: a word replaced and a paragraph added.
  await selectWords(anna, 'барыню', EDITOR);
  await anna.keyboard.type('кормилицу');
  await insertParagraphAtEnd(anna, 'Расписываем узором.');
  await expect(pageEditor(anna)).toContainText('Лепим кормилицу из красной глины.');

  // The version, with what changed since it highlighted (colour and ins/del).
  await anna.getByTestId('history-open').click();
  await versions.getByRole('button', { name: /Перед занятием/ }).click();
  const diff = dialog.getByTestId('history-diff');
  await expect(diff.locator('del')).toContainText(['барыню']);
  await expect(diff.locator('ins')).toContainText(['кормилицу', 'Расписываем узором.']);

  mkdirSync('tests/.artifacts', { recursive: true });
  for (const [width, height] of [
    [1024, 768],
    [390, 844]
  ] as const) {
    await anna.setViewportSize({ width, height });
    await anna.screenshot({ path: `tests/.artifacts/history-${width}x${height}.png` });
  }
  await anna.setViewportSize({ width: 1024, height: 768 });

  // The whole version, read only.
  await dialog.getByTestId('history-whole-version').click();
  const versionText = dialog.getByTestId('history-version-text').locator('.ProseMirror');
  await expect(versionText).toContainText(FIRST);
  await expect(versionText).toHaveAttribute('contenteditable', 'false');

  // Restore: the editor shows the old text; Ctrl+Z brings the newer text back.
  anna.once('dialog', (d) => void d.accept());
  await dialog.getByTestId('history-restore').click();
  await expect(dialog).toBeHidden();
  await expect(pageEditor(anna)).toContainText(FIRST);
  await expect(pageEditor(anna)).not.toContainText('кормилицу');
  await expect(pageEditor(anna)).not.toContainText('Расписываем узором.');
  await expect(pageEditor(anna)).toBeFocused();
  await anna.keyboard.press('Control+z');
  await expect(pageEditor(anna)).toContainText('Лепим кормилицу из красной глины.');
  await expect(pageEditor(anna)).toContainText('Расписываем узором.');

  // A viewer reads the history but has nothing to restore with.
  const petr = await network.open(await network.join('Пётр Смирнов', 'viewer'), `/doc?id=${id}`);
  await petr.getByTestId('history-open').click();
  const petrDialog = petr.getByTestId('history-dialog');
  await petrDialog.getByRole('button', { name: /Перед занятием/ }).click();
  await expect(petrDialog.getByTestId('history-diff')).toBeVisible();
  await expect(petrDialog.getByTestId('history-restore')).toHaveCount(0);
  await expect(petrDialog.getByTestId('history-save')).toHaveCount(0);
  await anna.context().close();
  await petr.context().close();
});

/** Replaces the page editor's content (editor commands, as two-person tests do). */
async function setContent(page: Page, content: unknown[]): Promise<void> {
  await page.evaluate((value) => {
    const el = document.querySelector('[data-testid="editor"] .ProseMirror') as
      (HTMLElement & { editor?: any }) | null;
    if (!el?.editor) throw new Error('no editor on the page');
    el.editor.chain().setContent({ type: 'doc', content: value }, { emitUpdate: true }).run();
  }, content);
}

const text = (t: string, marks?: unknown[]) => ({
  type: 'text',
  text: t,
  ...(marks ? { marks } : {})
});
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const tableOf = (...rows: [string, ...string[]][]) => ({
  type: 'table',
  content: rows.map(([kind, ...cells]) => ({
    type: 'tableRow',
    content: cells.map((c) => ({ type: kind, content: [paragraph(text(c))] }))
  }))
});

test('VH11 the comparison shows headings as headings, links with their words, bold words and tables', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const planId = await createDocument(anna, 'План на 2026 год');
  await anna.goto(`${server.url}/`);
  await createDocument(anna, 'Расписание мастерской');
  const site = { type: 'link', attrs: { href: 'https://museum.example.ru/' } };
  await setContent(anna, [
    { type: 'heading', attrs: { level: 2 }, content: [text('Расписание')] },
    paragraph(text('Подробнее на '), text('сайте музея', [site]), text(' и в плане.')),
    tableOf(['tableHeader', 'Время', 'Занятие'], ['tableCell', '10:00', 'Лепка'])
  ]);
  const dialog = anna.getByTestId('history-dialog');
  await anna.getByTestId('history-open').click();
  await dialog.getByTestId('history-name').fill('До правки');
  await dialog.getByTestId('history-save').click();
  await expect(dialog.getByRole('button', { name: /До правки/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Закрыть' }).click();

  await setContent(anna, [
    { type: 'heading', attrs: { level: 2 }, content: [text('Расписание на неделю')] },
    paragraph(
      text('Подробнее на '),
      text('сайте музея', [site]),
      text(' и в '),
      text('плане', [{ type: 'bold' }]),
      text(': '),
      { type: 'docLink', attrs: { docId: planId } }
    ),
    tableOf(
      ['tableHeader', 'Время', 'Занятие'],
      ['tableCell', '10:00', 'Роспись'],
      ['tableCell', '11:00', 'Сушка']
    )
  ]);

  await anna.getByTestId('history-open').click();
  await dialog.getByRole('button', { name: /До правки/ }).click();
  const diff = dialog.getByTestId('history-diff');
  // The heading is a heading, with the added words marked inside it.
  const heading = diff.getByRole('heading', { name: /Расписание/ });
  await expect(heading).toHaveText(/^Расписание\s*(добавлено:)?\s*на неделю/);
  await expect(heading.locator('ins')).toContainText('на неделю');
  // A link keeps its words and its address; a word made bold shows bold.
  await expect(diff.getByRole('link', { name: 'сайте музея' })).toHaveAttribute(
    'href',
    'https://museum.example.ru/'
  );
  await expect(diff.locator('ins strong')).toHaveText('плане');
  await expect(diff.locator('del')).toContainText(['плане']);
  // A link to another document reads as its title and opens it.
  await expect(diff.getByRole('link', { name: 'План на 2026 год' })).toHaveAttribute(
    'href',
    `/doc?id=${planId}`
  );
  // The table is a table: its header row, the changed cell and the added row.
  const table = diff.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Время', 'Занятие']);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(1).locator('del')).toHaveText(/Лепка/);
  await expect(table.getByRole('row').nth(1).locator('ins')).toHaveText(/Роспись/);
  await expect(table.getByRole('row').nth(2).locator('ins')).toHaveText([/11:00/, /Сушка/]);
  mkdirSync('tests/.artifacts', { recursive: true });
  await diff.screenshot({ path: 'tests/.artifacts/history-rich-diff.png' });
  await anna.context().close();
});
