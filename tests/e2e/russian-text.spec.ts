import { expect, test, type Page } from '@playwright/test';
import { createDocument } from './fixtures/app.ts';
import { APP_PAGES, PUBLIC_APP_PAGES, SCREENS, settled, touchMember } from './fixtures/frame.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

/**
 * Latin-script words a Russian page may show: names of formats, keys and products, and the
 * licence codes. Anything else in Latin letters is an English word that leaked into the Russian
 * interface («Папка Folder», «Task item checkbox for …»).
 */
const ALLOWED = new Set([
  'PDF',
  'HTML',
  'Markdown',
  'Word',
  'docx',
  'md',
  'zip',
  'CSV',
  'ZIP',
  'Ctrl',
  'Z',
  'Y',
  'Shift',
  'Enter',
  'Esc',
  'Escape',
  'F2',
  'Alt',
  'Delete',
  'CC',
  'BY',
  'SA',
  'NC',
  'ND',
  'Creative',
  'Commons',
  'Uzel',
  'English',
  'JSON',
  'Atom',
  'ics',
  'Home',
  'End',
  'M'
]);

/** Licence codes (CC BY-SA 4.0…) and keys with digits (F2, H2). */
const ALLOWED_PATTERNS = [/^CC0$/, /^(CC|BY|SA|NC|ND)(-(BY|SA|NC|ND))*$/, /^F\d{1,2}$/, /^H[1-6]$/];
const allowed = (word: string) => ALLOWED.has(word) || ALLOWED_PATTERNS.some((p) => p.test(word));

/** The words a person meets: visible text, and the names and hints read out or shown on hover. */
async function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    const words: string[] = [];
    for (const text of texts) {
      // Addresses, site names and e-mails are names, not words of the interface.
      const plain = text.replace(
        /\b(?:https?:\/\/|www\.)\S+|\S+@\S+|\/[\w/?=&.-]+|\b[\w-]+\.(?:ru|org|com|рф)\b/g,
        ' '
      );
      for (const word of plain.match(/[A-Za-z][A-Za-z0-9'’-]*/g) ?? []) words.push(word);
    }
    return words;
  });
}

test('LA1 every page in Russian shows no English words outside names, formats and licence codes', async ({
  browser
}) => {
  test.setTimeout(180_000);
  const { context } = await touchMember(browser, server.url, SCREENS[0]);
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await settled(page);
  const docId = await createDocument(page, 'Мастер-класс «Филимоновская игрушка»');
  const found: string[] = [];
  const check = async (where: string) => {
    for (const word of await latinWords(page)) {
      if (!allowed(word)) found.push(`${where}: ${word}`);
    }
  };
  for (const path of [...APP_PAGES, `/doc?id=${docId}`]) {
    await page.goto(server.url + path);
    await settled(page);
    await check(path);
  }
  // The document with what has labels of its own: task checkboxes and a table's tools.
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="editor"] .ProseMirror') as
      (HTMLElement & { editor?: any }) | null;
    el?.editor
      .chain()
      .focus('end')
      .insertContent([
        {
          type: 'taskList',
          content: [
            {
              type: 'taskItem',
              attrs: { checked: false },
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Купить глину' }] }]
            }
          ]
        }
      ])
      .insertTable({ rows: 2, cols: 2, withHeaderRow: true })
      .run();
  });
  await expect(page.locator('[data-testid="editor"] table')).toBeVisible();
  await check('document with a task list and a table');
  // Search results, with the type and field labels they were found by.
  await page.goto(server.url + '/search');
  await settled(page);
  await page.getByRole('searchbox').first().fill('Филимоновская');
  await expect(page.locator('main')).toContainText('Филимоновская игрушка');
  await check('/search results');
  await page.getByTestId('menu-button').click();
  await check('menu');
  await context.close();

  const guest = await browser.newContext();
  const out = await guest.newPage();
  for (const path of PUBLIC_APP_PAGES) {
    await out.goto(server.url + path);
    await expect(out.getByTestId('app-bar')).toBeVisible();
    const words = await latinWords(out);
    found.push(...words.filter((w) => !allowed(w)).map((w) => `${path}: ${w}`));
  }
  await guest.close();
  expect([...new Set(found)]).toEqual([]);
});
