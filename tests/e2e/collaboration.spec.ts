import { expect, test } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, editorText, insertParagraphAtEnd, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('SY1 two people editing one document at once converge; PR1 each sees the other’s caret and name', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'План проекта «Театр на окошке»');
  await insertParagraphAtEnd(anna, 'Цель: познакомить учащихся с народной культурой Белгородчины.');

  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
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

  // Presence: Boris's caret with his name appears in Anna's editor, and the other way round.
  await boris.locator('.ProseMirror').click();
  await expect(
    anna.locator('.collaboration-carets__label', { hasText: 'Борис Юрченко' })
  ).toBeVisible();
  await anna.locator('.ProseMirror').click();
  await expect(
    boris.locator('.collaboration-carets__label', { hasText: 'Анна Лобанова' })
  ).toBeVisible();

  // Leaving removes the caret.
  await boris.context().close();
  await expect(
    anna.locator('.collaboration-carets__label', { hasText: 'Борис Юрченко' })
  ).toHaveCount(0);
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
