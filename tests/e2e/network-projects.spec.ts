import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { status, waitAllSaved, waitSavedLocally } from './fixtures/app.ts';
import { TestNetwork } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const TASKS = ['Афиша для библиотеки', 'Пресс-релиз в газету', 'Выставка работ учащихся'];

/** Creates a project with tasks through the forms; returns the project page's path. */
async function createProject(page: Page, title: string, tasks: string[]): Promise<string> {
  await page.goto(server.url + '/projects');
  await page.getByTestId('create-project').click();
  await page.getByTestId('project-title').fill(title);
  await page.getByTestId('project-save').click();
  await page.waitForURL(/\/projects\/item\?id=/);
  await page.getByTestId('add-task').click();
  for (const task of tasks) {
    await page.getByTestId('task-title').fill(task);
    await page.getByTestId('task-save').click();
    await expect(page.getByTestId('task-title')).toHaveValue('');
  }
  await expect(page.getByTestId('task-card')).toHaveCount(tasks.length);
  const url = new URL(page.url());
  return url.pathname + url.search;
}

const card = (page: Page, title: string) =>
  page.getByTestId('task-card').filter({ hasText: title });
const column = (page: Page, status: string) => page.getByTestId(`column-${status}`);

test('PE12 a project with tasks; two people move different tasks on the board at once and both pages converge', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const path = await createProject(anna, 'Народные промыслы родного края', TASKS);
  await expect(anna.getByTestId('project-heading')).toHaveText('Народные промыслы родного края');

  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), path);
  await expect(boris.getByTestId('task-card')).toHaveCount(3);

  // At the same moment, through each person's "move to column" control.
  await Promise.all([
    card(anna, TASKS[0]!).getByTestId('task-move').selectOption('inProgress'),
    card(boris, TASKS[1]!).getByTestId('task-move').selectOption('done')
  ]);
  for (const page of [anna, boris]) {
    await expect(column(page, 'inProgress').getByTestId('task-card-title')).toHaveText([TASKS[0]!]);
    await expect(column(page, 'done').getByTestId('task-card-title')).toHaveText([TASKS[1]!]);
    await expect(column(page, 'planned').getByTestId('task-card-title')).toHaveText([TASKS[2]!]);
  }

  // Dragging a card by its handle into another column, above the card there.
  const grip = card(anna, TASKS[2]!).getByTestId('task-grip');
  await anna.getByTestId('task-board').scrollIntoViewIfNeeded();
  const from = (await grip.boundingBox())!;
  const to = (await card(anna, TASKS[1]!).boundingBox())!;
  await anna.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await anna.mouse.down();
  await anna.mouse.move(to.x + to.width / 2, to.y + 5, { steps: 8 });
  await anna.mouse.up();
  for (const page of [anna, boris]) {
    await expect(column(page, 'done').getByTestId('task-card-title')).toHaveText([
      TASKS[2]!,
      TASKS[1]!
    ]);
  }

  // The list and the timeline show the same plan.
  await boris.getByTestId('tasks-list').click();
  await expect(boris.getByTestId('task-row')).toHaveCount(3);
  await waitAllSaved(anna);
  await waitAllSaved(boris);
  await anna.context().close();
  await boris.context().close();
});

test('PE13 an event created in the calendar shows in the month, week and list views; .ics download', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner, '/calendar?view=month&date=2026-11-01');
  await expect(anna.getByTestId('calendar-title')).toContainText('Ноябрь 2026');
  await expect(anna.getByTestId('calendar-title')).toContainText('0 событий');

  await anna.getByTestId('create-event').click();
  await anna.getByTestId('event-title').fill('Творческий вечер «Мамины руки»');
  await anna.getByTestId('event-kind').selectOption('creativeEvening');
  await anna.getByTestId('event-start-date').fill('2026-11-26');
  await anna.getByTestId('event-start-time').fill('15:00');
  await anna.getByTestId('event-end-time').fill('17:00');
  await anna.getByTestId('event-save').click();

  const cell = anna.locator('td[data-date="2026-11-26"]');
  await expect(cell.getByTestId('event-chip')).toHaveText('15:00 Творческий вечер «Мамины руки»');
  await expect(cell).toHaveAttribute('aria-label', '26 ноября: 1 событие');
  await expect(anna.getByTestId('calendar-title')).toContainText('1 событие');
  // Weeks start on Monday: 26 November 2026 is a Thursday, the fourth column.
  await expect(cell.locator('xpath=preceding-sibling::td')).toHaveCount(3);

  // Keyboard paging: → next month, ← back.
  await anna.locator('section.calendar').focus();
  await anna.keyboard.press('ArrowRight');
  await expect(anna.getByTestId('calendar-title')).toContainText('Декабрь 2026');
  await anna.keyboard.press('ArrowLeft');
  await expect(anna.getByTestId('calendar-title')).toContainText('Ноябрь 2026');

  // The week view starts from the week of 1 November (a Sunday): four weeks on is the 26th.
  await anna.getByTestId('view-week').click();
  await expect(anna.getByTestId('calendar-title')).toContainText('26 октября – 1 ноября 2026');
  for (let i = 0; i < 4; i++) await anna.getByTestId('calendar-next').click();
  await expect(anna.getByTestId('calendar-title')).toContainText('23–29 ноября 2026');
  await expect(anna.getByTestId('week-view')).toContainText('Творческий вечер «Мамины руки»');
  await anna.getByTestId('view-list').click();
  await expect(anna.getByTestId('list-view')).toContainText('четверг, 26 ноября');
  await expect(anna.getByTestId('list-view')).toContainText('26 ноября, 15:00–17:00');

  await anna.getByTestId('event-row').click();
  await expect(anna.getByTestId('event-heading')).toHaveText('Творческий вечер «Мамины руки»');
  const [download] = await Promise.all([
    anna.waitForEvent('download'),
    anna.getByTestId('event-download').click()
  ]);
  const ics = readFileSync((await download.path())!, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('SUMMARY:Творческий вечер «Мамины руки»');
  // 15:00 in Moscow (the browser's zone here) is 12:00 UTC.
  expect(ics).toContain('DTSTART:20261126T120000Z');
  await waitAllSaved(anna);
  await anna.context().close();
});

test('PE14 a task moved while offline merges with a colleague’s move on reconnect', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const path = await createProject(anna, 'Театр на окошке', TASKS);
  const borisContext = await network.join('Борис Юрченко', 'editor');
  const boris = await network.open(borisContext, path);
  await expect(boris.getByTestId('task-card')).toHaveCount(3);
  await waitAllSaved(boris);

  await borisContext.setOffline(true);
  await expect(status(boris)).toHaveAttribute('data-connection', 'offline');
  await card(boris, TASKS[0]!).getByTestId('task-move').selectOption('done');
  await waitSavedLocally(boris);
  await card(anna, TASKS[1]!).getByTestId('task-move').selectOption('inProgress');
  await waitAllSaved(anna);
  // Anna does not see Boris's offline move yet.
  await expect(column(anna, 'done').getByTestId('task-card')).toHaveCount(0);

  await borisContext.setOffline(false);
  for (const page of [anna, boris]) {
    await expect(column(page, 'done').getByTestId('task-card-title')).toHaveText([TASKS[0]!]);
    await expect(column(page, 'inProgress').getByTestId('task-card-title')).toHaveText([TASKS[1]!]);
  }
  await waitAllSaved(boris);
  await anna.context().close();
  await borisContext.close();
});

test('PE15 the calendar and the board fit tablet and phone screens', async ({ browser }) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const path = await createProject(anna, 'Народные промыслы родного края', TASKS);
  await card(anna, TASKS[0]!).getByTestId('task-move').selectOption('inProgress');
  const sizes = [
    { width: 768, height: 1024 },
    { width: 1024, height: 768 },
    { width: 390, height: 844 }
  ];
  for (const size of sizes) {
    await anna.setViewportSize(size);
    for (const [name, url] of [
      ['board', path],
      ['calendar', '/calendar?view=month&date=2026-11-01'],
      ['week', '/calendar?view=week&date=2026-11-26']
    ] as const) {
      await anna.goto(server.url + url);
      await expect(anna.locator('main h1')).toBeVisible();
      // The page itself never scrolls sideways (the board may, inside its own box).
      const overflow = await anna.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      expect(overflow, `${name} at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
      await anna.screenshot({
        path: `tests/.artifacts/network-projects-${name}-${size.width}x${size.height}.png`,
        fullPage: true
      });
    }
  }
  await anna.context().close();
});
