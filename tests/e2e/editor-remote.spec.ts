import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { createDocument, editorText, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const PARAGRAPHS = 40;

/** Marks every top-level node of the page's editor, to tell later whether it is the same one. */
function markBlocks(page: Page): Promise<void> {
  return page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const w = window as unknown as { __blocks: WeakSet<object> };
    w.__blocks = new WeakSet();
    el.editor.state.doc.forEach((node: object) => w.__blocks.add(node));
  });
}

/** How many top-level nodes of the page's editor are not the ones marked. */
function newBlocks(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const w = window as unknown as { __blocks: WeakSet<object> };
    let fresh = 0;
    el.editor.state.doc.forEach((node: object) => void (w.__blocks.has(node) || fresh++));
    return fresh;
  });
}

test('SY7 a colleague’s word rebuilds only the paragraph it lands in; the texts converge and the caret stays where it was', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'План выставки декоративно-прикладного творчества');
  await anna.evaluate((count) => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    const content = Array.from({ length: count }, (_, i) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: `Раздел ${i + 1}: работы учеников студии керамики.` }]
    }));
    el.editor.commands.setContent(content);
  }, PARAGRAPHS);
  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain(`Раздел ${PARAGRAPHS}:`);

  // Boris types at the end of the last paragraph while Anna writes in the first one.
  await boris.locator('.ProseMirror p').last().click();
  await boris.keyboard.press('End');
  await markBlocks(boris);
  await anna.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.insertContentAt(1, 'Глина, ');
  });
  await expect.poll(() => editorText(boris)).toContain('Глина, Раздел 1:');
  expect(await newBlocks(boris)).toBe(1);
  await boris.keyboard.type(' Подписи готовы.');

  const last = `Раздел ${PARAGRAPHS}: работы учеников студии керамики. Подписи готовы.`;
  await expect.poll(() => editorText(anna)).toContain(last);
  expect(await editorText(boris)).toBe(await editorText(anna));
  await waitAllSaved(anna);
  await waitAllSaved(boris);
  await anna.context().close();
  await boris.context().close();
});

test('SY8 while a person types, a colleague’s words and caret are shown between the keystrokes, never in the frame of one, and all arrive', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'Заметки к мастер-классу по росписи');
  await anna.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.setContent([
      { type: 'paragraph', content: [{ type: 'text', text: 'Материалы:' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Ход занятия:' }] }
    ]);
  });
  const boris = await network.open(await network.join('Борис Юрченко', 'editor'), `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain('Ход занятия:');
  await boris.locator('.ProseMirror p').last().click();
  await boris.keyboard.press('End');

  // In Boris's page: is a keystroke waiting for the frame that shows it? Listening on the window
  // in the capture phase comes before the page's own listeners, so this frame watch is settled
  // before the page's. Every change to the first paragraph (Anna's words, Anna's caret) is noted
  // with whether a keystroke was waiting then.
  await boris.evaluate(() => {
    const w = window as unknown as { __remote: { duringKey: number; between: number[] } };
    const remote = (w.__remote = { duringKey: 0, between: [] as number[] });
    let typed = 0;
    let painted = 0;
    let watching = false;
    const watch = () => {
      if (watching) return;
      watching = true;
      requestAnimationFrame(() => {
        const shown = typed;
        setTimeout(() => {
          watching = false;
          painted = shown;
          if (painted < typed) watch();
        }, 0);
      });
    };
    window.addEventListener(
      'beforeinput',
      () => {
        typed++;
        watch();
      },
      true
    );
    // Anna's paragraph may be rebuilt as a whole: watched from the editor, by where it lands.
    const root = document.querySelector('.ProseMirror') as HTMLElement;
    new MutationObserver((records) => {
      const first = root.firstElementChild;
      const anna = records.some(
        ({ target, addedNodes }) =>
          (first && (target === first || first.contains(target))) ||
          (target === root && [...addedNodes].some((node) => node === first))
      );
      if (!anna) return;
      if (painted < typed) remote.duringKey++;
      else remote.between.push(typed);
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });

  // Anna writes a word at the start of the first paragraph every 150 ms while Boris types at the
  // end of the last one, a key every 100 ms.
  const WORDS = 30;
  const written = anna.evaluate(async (count) => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    for (let i = 0; i < count; i++) {
      el.editor.commands.insertContentAt(1, `кисть${i} `);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }, WORDS);
  const typed = ' Роспись доски по мотивам мезенской росписи.';
  await boris.keyboard.type(typed, { delay: 100 });
  await written;

  const remote = await boris.evaluate(
    () => (window as unknown as { __remote: { duringKey: number; between: number[] } }).__remote
  );
  expect(remote.duringKey).toBe(0);
  // Shown while Boris typed, not held back until he stopped.
  const whileTyping = remote.between.filter((keys) => keys > 0 && keys < typed.length);
  expect(whileTyping.length).toBeGreaterThanOrEqual(WORDS / 2);
  await expect.poll(() => editorText(boris)).toContain(`кисть${WORDS - 1} `);
  for (let i = 0; i < WORDS; i++) expect(await editorText(boris)).toContain(`кисть${i} `);
  await expect.poll(() => editorText(anna)).toContain(`Ход занятия:${typed}`);
  expect(await editorText(boris)).toBe(await editorText(anna));
  await waitAllSaved(anna);
  await waitAllSaved(boris);
  await anna.context().close();
  await boris.context().close();
});
