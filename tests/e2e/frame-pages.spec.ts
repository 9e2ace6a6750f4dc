import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createWorkspace, signUp } from './fixtures/accounts.ts';
import { createDocument, insertParagraphAtEnd } from './fixtures/app.ts';
import { SCREENS, overflow, settled } from './fixtures/frame.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const SHOTS = 'test-results/frame-screens';

/** Serious and critical WCAG 2.2 A/AA findings of axe-core on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes[0]?.target.join(' ')}`);
}

type Seeded = {
  state: Awaited<ReturnType<BrowserContext['storageState']>>;
  /** Pages behind the lists: one of each kind of record, and the forms that make them. */
  appPages: string[];
  /** The public site of the workspace: its catalogue and one material. */
  publicPages: string[];
};

/** One workspace with a partner, an agreement, a project, an event and a published material. */
async function seed(browser: Browser): Promise<Seeded> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await signUp(context, server.url, 'Кравец Ольга');
  const workspaceId = await createWorkspace(
    context,
    server.url,
    'Дом детского творчества «Радуга»'
  );
  const page = await context.newPage();
  const idOf = () => new URL(page.url()).searchParams.get('id')!;

  // An agreement is between two institutions at least.
  const partners: string[] = [];
  for (const [name, kind] of [
    [
      'Муниципальное бюджетное учреждение культуры «Централизованная библиотечная система»',
      'библиотека'
    ],
    ['МБУДО «Юность»', 'учреждение дополнительного образования']
  ] as const) {
    await page.goto(server.url + '/partners');
    await page.getByTestId('create-institution').click();
    await page.getByLabel('Название').fill(name);
    await page.getByLabel('Вид учреждения').selectOption({ label: kind });
    await page.getByTestId('institution-save').click();
    await expect(page.getByTestId('institution-title')).toBeVisible();
    partners.push(idOf());
  }
  const partner = partners[0]!;

  await page.goto(server.url + '/agreements');
  await page.getByTestId('create-agreement').click();
  const picker = page.getByTestId('party-picker');
  await picker.getByLabel(/Централизованная/).check();
  await picker.getByLabel(/Юность/).check();
  await page.getByTestId('agreement-subject').fill('Совместные выставки и творческие вечера');
  // Typing the subject leaves both parties chosen.
  await expect(picker.getByLabel(/Централизованная/)).toBeChecked();
  await expect(picker.getByLabel(/Юность/)).toBeChecked();
  await page.getByTestId('agreement-save').click();
  await expect(page.getByTestId('agreement-title')).toBeVisible();
  const agreement = idOf();

  await page.goto(server.url + '/projects');
  await page.getByTestId('create-project').click();
  await page.getByTestId('project-title').fill('Народные промыслы родного края');
  await page.getByTestId('project-save').click();
  await expect(page.getByTestId('project-heading')).toBeVisible();
  const project = idOf();

  await page.goto(server.url + '/calendar');
  await page.getByTestId('create-event').click();
  await page.getByTestId('event-title').fill('Творческий вечер «Мамины руки»');
  // Today on the device's calendar: the month the calendar opens on.
  const day = await page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
  await page.getByTestId('event-start-date').fill(day);
  await page.getByTestId('event-save').click();
  const chip = page.getByTestId('event-chip').first();
  await expect(chip).toBeVisible();
  const event = (await chip.getAttribute('data-id'))!;

  await page.goto(server.url + '/');
  const docId = await createDocument(page, 'Мастер-класс «Филимоновская игрушка»');
  await insertParagraphAtEnd(page, 'Лепим свистульку из глины и расписываем её узором.');
  const api = (path: string) =>
    context.request.post(
      `${server.url}/api/workspaces/${workspaceId}/publications/${docId}/${path}`,
      {
        data: {},
        headers: { origin: server.url }
      }
    );
  await expect.poll(async () => (await api('propose')).status()).toBe(200);
  let material = '';
  await expect
    .poll(async () => {
      const answer = await api('publish');
      if (answer.status() !== 200) return false;
      material = ((await answer.json()) as { publication: { path: string } }).publication.path;
      const html = await (await context.request.get(server.url + material)).text();
      return html.includes('свистульку');
    })
    .toBe(true);
  const slug = material.split('/')[2]!;
  const state = await context.storageState();
  await context.close();
  return {
    state,
    appPages: [
      `/partners/item?id=${partner}`,
      '/partners/import',
      `/agreements/item?id=${agreement}`,
      '/agreements/new',
      `/projects/item?id=${project}`,
      `/calendar/event?id=${event}`,
      '/notifications'
    ],
    publicPages: [`/p/${slug}/`, material]
  };
}

let seeded: Seeded;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  seeded = await seed(browser);
});

for (const screen of [SCREENS[0], SCREENS[2]]) {
  for (const locale of ['ru', 'en'] as const) {
    test(`FR12 the pages behind the lists and the public site: no sideways scrolling and no serious axe findings (${screen.name}, ${locale})`, async ({
      browser
    }) => {
      test.setTimeout(180_000);
      const found: string[] = [];
      const context = await browser.newContext({
        viewport: { width: screen.width, height: screen.height },
        hasTouch: true,
        storageState: seeded.state
      });
      await context.addInitScript((value) => localStorage.setItem('uzel:locale', value), locale);
      const page = await context.newPage();
      for (const path of seeded.appPages) {
        await page.goto(server.url + path);
        await settled(page);
        await expect(page.locator('main h1, main h2').first()).toBeVisible();
        const { scroll, inner, culprit } = await overflow(page);
        if (scroll > inner) found.push(`${path}: sideways ${scroll} > ${inner} (${culprit})`);
        found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
        await page.screenshot({
          path: `${SHOTS}/${screen.name}-${locale}${path.replace(/[/?=]/g, '_')}.png`
        });
      }
      await context.close();

      // The public site, for a visitor without an account.
      const guest = await browser.newContext({
        viewport: { width: screen.width, height: screen.height },
        hasTouch: true,
        locale: locale === 'en' ? 'en-GB' : 'ru-RU'
      });
      const visitor = await guest.newPage();
      for (const path of seeded.publicPages) {
        const answer = await visitor.goto(server.url + path);
        expect(answer?.status(), path).toBe(200);
        const { scroll, inner, culprit } = await overflow(visitor);
        if (scroll > inner) found.push(`${path}: sideways ${scroll} > ${inner} (${culprit})`);
        found.push(...(await seriousViolations(visitor)).map((v) => `${path}: ${v}`));
        await visitor.screenshot({
          path: `${SHOTS}/${screen.name}-${locale}-public-${path.endsWith('/') ? 'catalogue' : 'material'}.png`
        });
      }
      await guest.close();
      expect(found).toEqual([]);
    });
  }
}
