import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, editorText, waitSavedLocally } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

/** About 200,000 characters: far more than a screen, most of it never drawn. */
const PARAGRAPHS = 600;
const SENTENCE =
  'Дети лепят из глины филимоновскую игрушку, сушат её три дня и расписывают узором. ';

/**
 * A document of PARAGRAPHS numbered paragraphs of `repeat` sentences each, written in a tab that
 * is then closed: what a new tab opens from the device's copy.
 */
async function writeLongDocument(network: TestNetwork, repeat: number): Promise<string> {
  const writer = await network.open(network.owner);
  const id = await createDocument(writer, 'Филимоновская игрушка: конспекты занятий');
  await writer.evaluate(
    ([count, sentence]) => {
      const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
      const content = Array.from({ length: count as number }, (_, i) => ({
        type: 'paragraph',
        content: [{ type: 'text', text: `Занятие ${i + 1}. ${sentence}` }]
      }));
      el.editor.commands.setContent(content);
    },
    [PARAGRAPHS, SENTENCE.repeat(repeat)] as const
  );
  await waitSavedLocally(writer);
  await writer.close();
  return id;
}

/** The caret's box, what covers the top of the page, and the bottom of what can be seen. */
function caretPlace(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const view = el.editor.view;
    const rect = view.coordsAtPos(view.state.selection.head);
    const bar = document.querySelector('[data-testid="app-bar"]')!.getBoundingClientRect();
    const toolbar = document
      .querySelector('[data-testid="editor-toolbar"]')!
      .getBoundingClientRect();
    // The native caret, where the browser draws it: the DOM selection's moving end.
    const selection = window.getSelection()!;
    const range = document.createRange();
    range.setStart(selection.focusNode!, selection.focusOffset);
    const native = range.getBoundingClientRect();
    return {
      top: rect.top as number,
      bottom: rect.bottom as number,
      nativeTop: native.top,
      nativeBottom: native.bottom,
      covered: Math.max(bar.bottom, toolbar.top <= bar.bottom + 1 ? toolbar.bottom : 0),
      viewportBottom: window.innerHeight
    };
  });
}

async function expectCaretInView(page: Page) {
  await expect
    .poll(async () => {
      const place = await caretPlace(page);
      return (
        place.top >= place.covered &&
        place.bottom <= place.viewportBottom &&
        place.nativeTop >= place.covered &&
        place.nativeBottom <= place.viewportBottom
      );
    })
    .toBe(true);
}

/** The first and last paragraphs' texts, as the editor holds them. */
function edges(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const doc = el.editor.state.doc;
    return {
      first: doc.firstChild.textContent as string,
      last: doc.lastChild.textContent as string
    };
  });
}

test('FR33 a long document just opened: Ctrl+End then typing writes at the very end, Ctrl+Home then typing at the very start, the caret on screen each time; Shift extends the selection', async ({
  browser
}) => {
  test.setTimeout(120_000);
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Людмила');
  const id = await writeLongDocument(network, 4);

  // A new tab opens it from the device's copy, as a person comes back to it.
  const page = await network.open(network.owner, `/doc?id=${id}`);
  await expect.poll(() => editorText(page)).toContain(`Занятие ${PARAGRAPHS}.`);
  await page.locator('.ProseMirror p').first().click();

  await page.keyboard.press('Control+End');
  await page.keyboard.type('Итог');
  await expect.poll(async () => (await edges(page)).last).toMatch(/узором\. Итог$/);
  expect((await edges(page)).first).toMatch(/^Занятие 1\. Дети/);
  await expectCaretInView(page);
  // Typing on at the end keeps the caret in view.
  await page.keyboard.type(' занятия.');
  await expect.poll(async () => (await edges(page)).last).toMatch(/Итог занятия\.$/);
  await expectCaretInView(page);

  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Начало. ');
  await expect.poll(async () => (await edges(page)).first).toMatch(/^Начало\. Занятие 1\./);
  expect((await edges(page)).last).toMatch(/Итог занятия\.$/);
  await expectCaretInView(page);

  // Shift+Ctrl+End from the start selects the whole text; the caret is at the end.
  await page.keyboard.press('Shift+Control+End');
  const selection = await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const { from, to, head } = el.editor.state.selection;
    return { from, to, head, size: el.editor.state.doc.content.size };
  });
  expect(selection.from).toBe(1 + 'Начало. '.length);
  expect(selection.to).toBe(selection.size - 1);
  expect(selection.head).toBe(selection.to);
  await expectCaretInView(page);
  // Back to the start with Shift: the selection shrinks to what lies before its anchor.
  await page.keyboard.press('Shift+Control+Home');
  const back = await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const { from, to, head } = el.editor.state.selection;
    return { from, to, head };
  });
  expect(back).toEqual({ from: 1, to: 1 + 'Начало. '.length, head: 1 });
  await expectCaretInView(page);
  await network.owner.close();
});

test('FR34 a long document opened from the device: the whole text, rendered once from Yjs, with nothing written by opening; a colleague’s word and typing both land', async ({
  browser
}) => {
  test.setTimeout(120_000);
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Людмила');
  const id = await writeLongDocument(network, 1);

  // Yjs updates this page sends (sync message 0, update 2): opening must send none.
  const page = await network.owner.newPage();
  const updatesSent: number[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string' && payload[0] === 0 && payload[1] === 2)
        updatesSent.push(payload.length);
    })
  );
  await page.goto(`${server.url}/doc?id=${id}`);
  await expect.poll(() => editorText(page)).toContain(`Занятие ${PARAGRAPHS}.`);
  await expect(page.getByRole('status').filter({ hasText: 'Открываем документ' })).toHaveCount(0);
  const opened = await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const doc = el.editor.state.doc;
    // y-tiptap's binding knows every block it shows: what it was handed at opening.
    const binding = el.editor.state['y-sync$'].binding;
    let mapped = 0;
    for (const node of binding.mapping.values()) if (node.type?.name === 'paragraph') mapped++;
    return {
      blocks: doc.childCount as number,
      mapped,
      first: doc.firstChild.textContent as string
    };
  });
  expect(opened.blocks).toBe(PARAGRAPHS);
  expect(opened.mapped).toBe(PARAGRAPHS);
  expect(opened.first).toBe(`Занятие 1. ${SENTENCE}`);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connection', 'online');
  expect(updatesSent).toEqual([]);

  // A colleague's word reaches the open page, and this person's typing reaches the colleague.
  const colleague = await network.open(network.owner, `/doc?id=${id}`);
  await expect.poll(() => editorText(colleague)).toContain(`Занятие ${PARAGRAPHS}.`);
  await colleague.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.insertContentAt(1, 'Глина. ');
  });
  await expect.poll(async () => (await edges(page)).first).toBe(`Глина. Занятие 1. ${SENTENCE}`);
  await page.locator('.ProseMirror p').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Итог');
  await expect.poll(async () => (await edges(colleague)).last).toMatch(/узором\. Итог$/);
  expect(updatesSent.length).toBeGreaterThan(0);
  await network.owner.close();
});
