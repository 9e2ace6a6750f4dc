import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createDocument } from './fixtures/app.ts';
import { APP_PAGES, PUBLIC_APP_PAGES, SCREENS, settled, touchMember } from './fixtures/frame.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const SIZES = [SCREENS[0], SCREENS[2]] as const;
const LOCALES = ['ru', 'en'] as const;

/** Serious and critical WCAG 2.2 A/AA findings of axe-core on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`
    );
}

async function speak(context: BrowserContext, locale: string) {
  await context.addInitScript((value) => localStorage.setItem('uzel:locale', value), locale);
}

for (const screen of SIZES) {
  for (const locale of LOCALES) {
    test(`FR8 no serious or critical axe-core findings on any page, signed in and out (${screen.name}, ${locale})`, async ({
      browser
    }) => {
      // Fifteen pages, each read whole by axe-core.
      test.setTimeout(240_000);
      const { context } = await touchMember(browser, server.url, screen);
      await speak(context, locale);
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await settled(page);
      const docId = await createDocument(page, 'Мастер-класс «Филимоновская игрушка»');
      const found: string[] = [];
      for (const path of [...APP_PAGES, `/doc?id=${docId}`]) {
        await page.goto(server.url + path);
        await settled(page);
        found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
      }
      // The open menu and the sync details are part of every page.
      await page.getByTestId('menu-button').click();
      found.push(...(await seriousViolations(page)).map((v) => `menu: ${v}`));
      await context.close();

      const guest = await browser.newContext({
        viewport: { width: screen.width, height: screen.height },
        hasTouch: true
      });
      await speak(guest, locale);
      const out = await guest.newPage();
      for (const path of PUBLIC_APP_PAGES) {
        await out.goto(server.url + path);
        await expect(out.getByTestId('app-bar')).toBeVisible();
        found.push(...(await seriousViolations(out)).map((v) => `${path}: ${v}`));
      }
      await guest.close();
      expect(found).toEqual([]);
    });
  }
}
