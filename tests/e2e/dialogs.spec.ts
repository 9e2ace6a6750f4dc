import { expect, test, type Locator, type Page } from '@playwright/test';
import { createDocument, treeRow } from './fixtures/app.ts';
import { SCREENS, settled, touchMember } from './fixtures/frame.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

/** More presses than any dialog has controls, so each direction wraps around at least once. */
const PRESSES = 14;

/** Whether the focus is on a control inside `dialog` (not the page, not the dialog box itself). */
function focusInside(dialog: Locator): Promise<boolean> {
  return dialog.evaluate(
    (box) =>
      document.hasFocus() &&
      document.activeElement !== null &&
      document.activeElement !== box &&
      box.contains(document.activeElement)
  );
}

type DialogCase = {
  name: string;
  dialog: Locator;
  /** Opens the dialog as a keyboard user would. */
  open: () => Promise<void>;
  /** Where the focus belongs once the dialog is closed. */
  returnsTo: Locator;
};

/** Opens a dialog, walks it with Tab and Shift+Tab, closes it with Escape, checks the focus. */
async function walkDialog(page: Page, { name, dialog, open, returnsTo }: DialogCase) {
  await open();
  await expect(dialog, `${name} opens`).toBeVisible();
  await expect.poll(() => focusInside(dialog), `${name}: focus moves inside`).toBe(true);
  const seen = new Set<string>();
  const presses = [
    ...Array<string>(PRESSES).fill('Tab'),
    ...Array<string>(PRESSES).fill('Shift+Tab')
  ];
  for (const key of presses) {
    await page.keyboard.press(key);
    expect(await focusInside(dialog), `${name}: focus inside after ${key}`).toBe(true);
    seen.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? ''));
  }
  // Tab did move: a dialog with a single control would prove nothing about wrapping.
  expect(seen.size, `${name}: controls reached`).toBeGreaterThan(1);
  await page.keyboard.press('Escape');
  await expect(dialog, `${name} closes on Escape`).toBeHidden();
  await expect(returnsTo, `${name}: focus back on what opened it`).toBeFocused();
}

/** A control opened with Enter, the focus coming back to it. */
function fromControl(page: Page, name: string, control: Locator, dialog: Locator): DialogCase {
  return {
    name,
    dialog,
    open: async () => {
      await control.focus();
      await page.keyboard.press('Enter');
    },
    returnsTo: control
  };
}

test('FR13 every dialog keeps Tab and Shift+Tab inside it, closes on Escape and gives the focus back to what opened it', async ({
  browser
}) => {
  test.setTimeout(120_000);
  const { context } = await touchMember(browser, server.url, SCREENS[0]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url + '/');
  await settled(page);

  // Creating a document and a folder.
  const create = page.getByTestId('create-document');
  await walkDialog(page, fromControl(page, 'new document', create, page.getByRole('dialog')));
  const createFolder = page.getByTestId('create-collection');
  await walkDialog(page, fromControl(page, 'new folder', createFolder, page.getByRole('dialog')));
  await createFolder.click();
  await page.getByTestId('create-name').fill('Методические разработки');
  await page.getByTestId('create-confirm').click();
  const folderRow = page.getByTestId('document-row').filter({ hasText: 'Методические разработки' });
  await expect(folderRow).toBeVisible();
  const folder = (await folderRow.getAttribute('data-id'))!;

  // The document's version history.
  const doc = await createDocument(page, 'Народная тряпичная кукла');
  await walkDialog(
    page,
    fromControl(
      page,
      'history',
      page.getByTestId('history-open'),
      page.getByTestId('history-dialog')
    )
  );

  // The frame's menu, and signing out from inside it (a dialog over a dialog).
  const menuButton = page.getByTestId('menu-button');
  const menu = page.getByTestId('menu');
  await walkDialog(page, fromControl(page, 'menu', menuButton, menu));
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  const signOut = menu.getByTestId('sign-out');
  await walkDialog(
    page,
    fromControl(page, 'sign out', signOut, page.getByTestId('sign-out-dialog'))
  );
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Moving a document, opened from its row's menu: the row takes the focus back, as Escape on
  // the menu itself does (FR7).
  await page.goto(server.url + '/');
  await settled(page);
  const row = treeRow(page, doc);
  await walkDialog(page, {
    name: 'move',
    dialog: page.getByTestId('move-dialog'),
    open: async () => {
      await row.getByTestId('row-actions').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('row-menu')).toBeVisible();
      await page.getByTestId('row-menu').getByRole('menuitem', { name: 'Переместить в…' }).focus();
      await page.keyboard.press('Enter');
    },
    returnsTo: row
  });
  await row.getByTestId('row-actions').click();
  await page.getByTestId('row-menu').getByRole('menuitem', { name: 'Переместить в…' }).click();
  await page
    .getByTestId('move-dialog')
    .getByRole('button', { name: 'Методические разработки' })
    .click();
  await expect(row).toHaveAttribute('aria-level', '2');

  // Deleting a folder that holds a document asks first.
  const folderTreeRow = treeRow(page, folder);
  await walkDialog(page, {
    name: 'delete question',
    dialog: page.getByTestId('delete-folder-dialog'),
    open: async () => {
      await folderTreeRow.focus();
      await page.keyboard.press('Delete');
    },
    returnsTo: folderTreeRow
  });
  await expect(treeRow(page, folder)).toBeVisible();

  // Signing in again after the session ended elsewhere.
  await context.clearCookies();
  await page.reload();
  await expect(page.getByTestId('session-expired')).toBeVisible();
  await walkDialog(
    page,
    fromControl(
      page,
      'sign in again',
      page.getByRole('button', { name: 'Войти снова' }),
      page.getByRole('dialog', { name: 'Войти снова' })
    )
  );

  expect(errors).toEqual([]);
  await context.close();
});
