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
