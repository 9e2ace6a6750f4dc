import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  selectWords,
  waitAllSaved,
  waitForServiceWorker
} from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const TEXT = 'Выставка работ учащихся в библиотеке им. Лиханова ко Дню партнёрства.';
const TITLE = 'План выставки ко Дню партнёрства';

const inboxLink = (page: Page) => page.getByTestId('inbox-link');
const thread = (page: Page, quote: string) =>
  page.getByTestId('comments-panel').getByTestId('comment-thread').filter({ hasText: quote });

test('NT3 a mention reaches the person in «Уведомления» with an unread count, opens its thread, and a reply reaches the one who wrote; NT4 the inbox works offline', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, TITLE);
  await insertParagraphAtEnd(anna, TEXT);
  await waitAllSaved(anna);
  await anna.goto(`${server.url}/`);
  await expect(inboxLink(anna)).toHaveAccessibleName('Уведомления');
  await expect(anna.getByTestId('inbox-count')).toHaveCount(0);

  // Boris comments on the words and calls Anna through the @ list.
  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain('Лиханова');
  await selectWords(boris, 'библиотеке им. Лиханова');
  await boris.getByTestId('comment-add').click();
  const draft = boris.getByRole('combobox', { name: 'Новый комментарий' });
  await draft.pressSequentially('@Ан');
  await boris.getByRole('option', { name: '@Анна Лобанова' }).click();
  await draft.pressSequentially('договоритесь о зале, пожалуйста.');
  await boris.getByTestId('comment-draft').getByRole('button', { name: 'Отправить' }).click();
  await expect(thread(boris, 'библиотеке')).toContainText('договоритесь о зале');
  await waitAllSaved(boris);

  // Anna opens the app again later: the background sync of the workspace brings the comment.
  await anna.reload();
  await expect(anna.getByTestId('inbox-count')).toHaveText('1');
  await expect(inboxLink(anna)).toHaveAccessibleName('Уведомления: 1 непрочитанное');
  await inboxLink(anna).click();
  const item = anna.getByTestId('inbox-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Новое');
  await expect(item).toContainText(`Борис Юрченко упоминает вас в документе «${TITLE}»`);
  await expect(item).toContainText('К словам «библиотеке им. Лиханова»');
  await expect(item).toContainText('@Анна Лобанова договоритесь о зале, пожалуйста.');

  // Opening it shows the thread in the document and clears the count.
  await item.getByRole('link').click();
  await expect(anna).toHaveURL(new RegExp(`/doc\\?id=${id}&thread=`));
  await expect(thread(anna, 'библиотеке')).toHaveClass(/active/);
  await expect(anna.locator('.ProseMirror .comment-anchor-active')).toHaveText(
    'библиотеке им. Лиханова'
  );
  await expect(anna.getByTestId('inbox-count')).toHaveCount(0);

  // Anna replies; Boris, who opened the thread, sees a reply in his inbox at once.
  await thread(anna, 'библиотеке').getByRole('button', { name: 'Ответить' }).click();
  await anna.getByRole('combobox', { name: 'Ответ' }).pressSequentially('Зал на 2 этаже свободен.');
  await thread(anna, 'библиотеке').getByRole('button', { name: 'Отправить' }).click();
  await expect(boris.getByTestId('inbox-count')).toHaveText('1');
  await inboxLink(boris).click();
  await expect(boris.getByTestId('inbox-item')).toContainText(
    `Анна Лобанова отвечает в обсуждении в документе «${TITLE}»`
  );
  await expect(boris.getByTestId('inbox-item')).toContainText('Зал на 2 этаже свободен.');
  await boris.getByRole('button', { name: 'Отметить все прочитанными' }).click();
  await expect(boris.getByTestId('inbox-count')).toHaveCount(0);
  await expect(boris.getByTestId('inbox-item')).not.toContainText('Новое');
  await waitAllSaved(anna);

  // NT4: offline, after a reload, the inbox is read from this device's copies.
  await anna.goto(`${server.url}/notifications`);
  await waitForServiceWorker(anna);
  await anna.context().setOffline(true);
  await anna.reload();
  await expect(anna.getByTestId('inbox-item')).toContainText('договоритесь о зале');
  await expect(anna.getByTestId('inbox-item')).not.toContainText('Новое');

  await anna.context().close();
  await boris.context().close();
});
