import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, editorText, rowAction, treeRow, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const rowByTitle = (page: Page, title: string) =>
  page.getByTestId('document-row').filter({ hasText: title });

async function createCollection(page: Page, title: string): Promise<string> {
  await page.getByTestId('create-collection').click();
  await page.getByTestId('create-name').fill(title);
  await page.getByTestId('create-confirm').click();
  const row = rowByTitle(page, title);
  await expect(row).toBeVisible();
  return (await row.getAttribute('data-id'))!;
}

test('KB-E1 a collection, a methodology from its template, a field, a move with the dialog, a filter by type', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Юрченко Ольга');
  const page = await network.open(network.owner);
  await expect(page.getByText('Документов пока нет')).toBeVisible();

  const folder = await createCollection(page, 'Методические разработки');
  // A note to tell apart in the filter.
  await createDocument(page, 'Протокол круглого стола');
  await page.getByRole('link', { name: /Ко всем документам/ }).click();

  // A methodology from its template: the headings a methodologist expects are in the text.
  await page.getByTestId('create-document').click();
  const dialog = page.getByTestId('create-dialog');
  await dialog.getByLabel('Методическая разработка').check();
  await expect(dialog.getByLabel('Шаблон «Методическая разработка»')).toBeChecked();
  await dialog.getByTestId('create-name').fill('Народная тряпичная кукла');
  await dialog.getByTestId('create-confirm').click();
  await page.waitForURL(/\/doc\?id=/);
  const id = new URL(page.url()).searchParams.get('id')!;
  await expect(page.locator('.ProseMirror h2')).toHaveText([
    'Пояснительная записка',
    'Цель и задачи',
    'Возраст участников',
    'Необходимые материалы',
    'Ход занятия',
    'Ожидаемые результаты',
    'Список литературы'
  ]);

  // Fields of the type, above the text: a direction by its Russian name, a date-free text field.
  const details = page.getByTestId('document-details');
  await details.getByLabel('Направление').selectOption({ label: 'Народная культура' });
  await details.getByLabel('Возраст участников').fill('7–10 лет');
  await details.getByLabel('Возраст участников').blur();
  await details.getByLabel('Добавить метку').fill('Народная кукла');
  await details.getByRole('button', { name: 'Добавить метку' }).click();
  await expect(details.getByTestId('tags')).toContainText('народная кукла');
  await page.reload();
  await expect(page.getByTestId('document-details').getByLabel('Направление')).toHaveValue(
    'folkCulture'
  );
  await expect(page.getByTestId('document-details').getByLabel('Возраст участников')).toHaveValue(
    '7–10 лет'
  );
  await waitAllSaved(page);

  // Move it into the collection with the "Переместить в…" dialog (touch and keyboard friendly).
  await page.getByRole('link', { name: /Ко всем документам/ }).click();
  await rowAction(page, id, 'Переместить в…');
  const move = page.getByTestId('move-dialog');
  await move.getByRole('button', { name: 'Методические разработки' }).click();
  await expect(move).toBeHidden();
  await expect(treeRow(page, id)).toHaveAttribute('aria-level', '2');
  await expect(treeRow(page, folder)).toHaveAttribute('aria-expanded', 'true');
  await expect(
    page.getByText('«Народная тряпичная кукла» перемещён в «Методические разработки»')
  ).toBeVisible();

  // Filter by type: only the methodology (and the collection leading to it) stay.
  await page.getByText('Фильтры').click();
  await page.getByLabel('Тип').selectOption({ label: 'Методическая разработка' });
  await expect(page.getByText('Найден 1 документ')).toBeVisible();
  await expect(page.getByTestId('document-row')).toHaveCount(2);
  await expect(rowByTitle(page, 'Протокол круглого стола')).toHaveCount(0);
  await page.getByLabel('Направление').selectOption({ label: 'Театр' });
  await expect(page.getByText('Под эти условия ничего не подходит.')).toBeVisible();
  await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
  await expect(page.getByTestId('document-row')).toHaveCount(3);

  // The collection goes to the bin with what is inside it, and comes back with it.
  // A folder that holds documents asks first and says how many go with it (FR7).
  await rowAction(page, folder, 'Удалить');
  const question = page.getByTestId('delete-folder-dialog');
  await expect(question).toContainText('вместе с 1 документом');
  await question.getByTestId('delete-folder-confirm').click();
  await expect(page.getByTestId('deleted-toast')).toContainText('и 1 документ в ней');
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  await page.getByText('Корзина (1)').click();
  const binRow = page.locator(`[data-testid="bin-row"][data-id="${folder}"]`);
  await expect(binRow).toContainText('и внутри 1 документ');
  await binRow.getByRole('button', { name: 'Восстановить' }).click();
  await expect(treeRow(page, id)).toHaveAttribute('aria-level', '2');
  await network.owner.close();
});

test('KB-E2 the tree works with the keyboard and reorders by dragging the handle', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Людмила');
  const page = await network.open(network.owner);
  const folder = await createCollection(page, 'Проекты');
  const first = await createDocument(page, 'Первый документ');
  await page.goBack();
  const second = await createDocument(page, 'Второй документ');
  await page.goBack();
  await expect(page.getByTestId('document-row')).toHaveCount(3);

  // ARIA tree: arrows move between rows, Enter opens.
  await treeRow(page, folder).focus();
  await page.keyboard.press('ArrowDown');
  await expect(treeRow(page, first)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(treeRow(page, second)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(treeRow(page, folder)).toBeFocused();

  // Drag the second document by its handle onto the middle of the folder: it goes inside.
  const handle = treeRow(page, second).getByTestId('drag-handle');
  const target = await treeRow(page, folder).boundingBox();
  const from = await handle.boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(from!.x + 5, from!.y - 20, { steps: 4 });
  await page.mouse.move(target!.x + target!.width / 2, target!.y + target!.height / 2, {
    steps: 8
  });
  await page.mouse.up();
  await expect(treeRow(page, second)).toHaveAttribute('aria-level', '2');
  await expect(treeRow(page, folder)).toHaveAttribute('aria-expanded', 'true');

  // Left on a child goes to its folder; Left again closes the folder.
  await treeRow(page, second).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(treeRow(page, folder)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(treeRow(page, second)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(treeRow(page, second)).toBeVisible();
  await page.keyboard.press('End');
  await expect(treeRow(page, first)).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/doc\\?id=${first}`));
  await network.owner.close();
});

test('KB-E3 a document saved as a template starts new documents with its text and fields', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Массольд Елена');
  const page = await network.open(network.owner);
  await page.getByTestId('create-document').click();
  await page.getByTestId('create-dialog').getByLabel('Отчёт о мероприятии').check();
  await page.getByTestId('create-name').fill('Отчёт о дне партнёрского взаимодействия');
  await page.getByTestId('create-confirm').click();
  await page.waitForURL(/\/doc\?id=/);
  await expect(page.locator('.ProseMirror h2').first()).toHaveText('Название и форма мероприятия');
  await page
    .getByTestId('document-details')
    .getByLabel('Место проведения')
    .fill('Библиотека им. Лиханова');
  await page.getByTestId('document-details').getByLabel('Место проведения').blur();
  await page.getByTestId('save-template').click();
  await expect(
    page.getByText(/Шаблон «Отчёт о дне партнёрского взаимодействия» сохранён/)
  ).toBeVisible();

  await page.getByRole('link', { name: /Ко всем документам/ }).click();
  await page.getByTestId('create-document').click();
  const dialog = page.getByTestId('create-dialog');
  await dialog.getByText('Отчёт о дне партнёрского взаимодействия').click();
  await dialog.getByTestId('create-name').fill('Отчёт о творческом вечере');
  await dialog.getByTestId('create-confirm').click();
  await page.waitForURL(/\/doc\?id=/);
  await expect.poll(() => editorText(page)).toContain('Организаторы и партнёры');
  await expect(page.getByTestId('document-details').getByLabel('Место проведения')).toHaveValue(
    'Библиотека им. Лиханова'
  );
  await expect(page.getByTestId('document-details')).toContainText('Отчёт о мероприятии');
  // The template is not a document of the tree.
  await page.getByRole('link', { name: /Ко всем документам/ }).click();
  await expect(page.getByText('2 документа', { exact: true })).toBeVisible();
  await network.owner.close();
});
