import { expect, test } from '@playwright/test';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  status,
  waitAllSaved
} from './fixtures/app.ts';
import { TestNetwork } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('ST5 a relay killed with SIGKILL and restarted has every acknowledged edit, and editing continues', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const borisContext = await network.join('Борис Юрченко', 'editor');
  const annaContext = network.owner;
  const anna = await network.open(annaContext);
  const id = await createDocument(anna, 'Отчёт о выставке в Пушкинской библиотеке');
  await insertParagraphAtEnd(anna, 'Выставка работ учащихся Станции юных техников.');
  await waitAllSaved(anna);

  // Anna's tab cannot resend anything while the server is down and comes back: only what the
  // server stored before the kill can reach Boris.
  await annaContext.setOffline(true);
  await server.kill();
  await server.start();

  const boris = await network.open(borisContext, `/doc?id=${id}`);
  await expect
    .poll(() => editorText(boris))
    .toContain('Выставка работ учащихся Станции юных техников.');
  await expect(boris.getByTestId('doc-title')).toHaveValue(
    'Отчёт о выставке в Пушкинской библиотеке'
  );

  // Anna's open tab reconnects to the restarted relay and goes on editing.
  await annaContext.setOffline(false);
  await expect(status(anna)).toHaveAttribute('data-connection', 'online');
  await insertParagraphAtEnd(anna, 'После перезапуска: отзывы посетителей.');
  await waitAllSaved(anna);
  await expect.poll(() => editorText(boris)).toContain('После перезапуска: отзывы посетителей.');
  await annaContext.close();
  await borisContext.close();
});

test('ST6 SIGTERM stops the server cleanly with exit code 0', async () => {
  expect(await server.stop()).toBe(0);
  await server.start();
});
