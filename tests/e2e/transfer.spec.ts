import mammoth from 'mammoth';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  selectWords,
  waitAllSaved
} from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';
import { docx, para, picture, png } from '../unit/transfer/docx.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

async function shoot(page: Page, name: string) {
  for (const [w, h] of [
    [768, 1024],
    [1024, 768],
    [390, 844]
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `tests/.artifacts/transfer-${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
}

const MARKDOWN = [
  '# Дымковская игрушка',
  '',
  '## Ход занятия',
  '',
  'Дети лепят **барыню** из глины, см. [сайт музея](https://museum.example.ru).',
  '',
  '- [x] Закупить глину',
  '- [ ] Пригласить родителей',
  '',
  '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">ссылка</a>'
].join('\n');

test('TR12 a Markdown file becomes a new document, and exports back as Markdown', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Иванова Мария');
  const page = await network.open(network.owner, '/backup');
  const dialogs: string[] = [];
  page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  await shoot(page, 'backup');

  // A broken Word file: a clear message, and no document appears.
  await page.getByTestId('import-file').setInputFiles({
    name: 'сломанный.docx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('это не документ Word')
  });
  await expect(page.getByTestId('import-error')).toContainText('Файл повреждён');

  await page.getByTestId('import-file').setInputFiles({
    name: 'занятие.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(MARKDOWN)
  });
  await page.waitForURL(/\/doc\?id=/);
  await expect(page.getByTestId('doc-title')).toHaveValue('Дымковская игрушка');
  await expect.poll(() => editorText(page)).toContain('Дети лепят барыню из глины');
  await expect(page.locator('.ProseMirror a[href="https://museum.example.ru"]')).toHaveText(
    'сайт музея'
  );
  const boxes = page.locator('.ProseMirror input[type="checkbox"]');
  await expect(boxes).toHaveCount(2);
  await expect(boxes.first()).toBeChecked();
  await expect(boxes.last()).not.toBeChecked();
  await expect(page.locator('.ProseMirror a[href^="javascript"]')).toHaveCount(0);
  await waitAllSaved(page);

  await page.getByTestId('export-menu').locator('summary').click();
  await shoot(page, 'export-menu');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-markdown').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Дымковская игрушка.md');
  const text = await readFile(await file.path(), 'utf8');
  expect(text).toContain('# Дымковская игрушка\n\n## Ход занятия');
  expect(text).toContain(
    'Дети лепят **барыню** из глины, см. [сайт музея](<https://museum.example.ru>).'
  );
  expect(text).toContain('- [x] Закупить глину\n- [ ] Пригласить родителей');
  expect(text).not.toContain('javascript');
  // EX1: the type travels as front matter before the title.
  expect(text).toMatch(/^---\ntitle: "Дымковская игрушка"\ntype: note # /);

  // WD1: the Word file downloads under the title and reads back with its text.
  await page.getByTestId('export-menu').locator('summary').click();
  const wordDownload = page.waitForEvent('download');
  await page.getByTestId('export-docx').click();
  const word = await wordDownload;
  expect(word.suggestedFilename()).toBe('Дымковская игрушка.docx');
  const { value: wordHtml } = await mammoth.convertToHtml({ path: await word.path() });
  expect(wordHtml).toContain('<h1>Дымковская игрушка</h1>');
  expect(wordHtml).toContain('<strong>барыню</strong>');

  // Only the broken file's attempt and the real import: one document in the list.
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('tree').getByText('Дымковская игрушка')).toHaveCount(1);
  expect(dialogs).toEqual([]);
  await network.owner.close();
});

test('TR13 TR18 EX6 a workspace archive restores into another, empty workspace with its text, images and comments', async ({
  browser
}) => {
  const source = await TestNetwork.create(browser, server.url, 'Юрченко Ольга');
  const page = await source.open(source.owner, '/');
  const titles = ['Театр на окошке', 'Мастер-класс «Вытынанка»'];
  for (const title of titles) {
    await createDocument(page, title);
    await insertParagraphAtEnd(page, `Текст документа «${title}».`);
    if (title === titles[1]) {
      // A comment on words of the text: EX6, it travels with the archive.
      await selectWords(page, 'документа');
      await page.getByTestId('comment-add').click();
      await page.getByRole('combobox', { name: 'Новый комментарий' }).fill('Добавить шаблон узора');
      await page.getByTestId('comment-draft').getByRole('button', { name: 'Отправить' }).click();
      await expect(page.getByTestId('comment-thread')).toContainText('Добавить шаблон узора');
    }
    if (title === titles[0])
      await page.getByTestId('file-input').setInputFiles({
        name: 'афиша.png',
        mimeType: 'image/png',
        buffer: Buffer.from(png)
      });
    await waitAllSaved(page);
    await page.goto(`${server.url}/`);
  }
  await page.goto(`${server.url}/backup`);
  const download = page.waitForEvent('download');
  await page.getByTestId('archive-export').click();
  const archive = await (await download).path();
  await expect(page.getByTestId('archive-message')).toContainText('Архив готов: 2 документа');
  const hash = createHash('sha256').update(png).digest('hex');
  expect(unzipSync(await readFile(archive))[`files/${hash}.png`]).toEqual(png);

  // The same archive cannot be restored over the workspace it came from.
  await page.getByTestId('archive-file').setInputFiles(archive);
  await expect(page.getByTestId('archive-error')).toContainText('уже есть документы');

  const target = await TestNetwork.create(browser, server.url, 'Петров Иван', 'Новая сеть');
  const other = await target.open(target.owner, '/backup');
  await other.getByTestId('archive-file').setInputFiles(archive);
  await expect(other.getByTestId('archive-restored')).toContainText('Восстановлено: 2 документа');
  await shoot(other, 'restored');
  await waitAllSaved(other);

  await other.goto(`${server.url}/`);
  for (const title of titles) {
    await other.getByRole('tree').getByText(title, { exact: true }).click();
    await other.waitForURL(/\/doc\?id=/);
    await expect.poll(() => editorText(other)).toContain(`Текст документа «${title}».`);
    if (title === titles[1]) {
      // The thread came back with its words highlighted again.
      await expect(other.getByTestId('comment-thread')).toContainText('Добавить шаблон узора');
      await expect(other.getByTestId('comment-thread')).toContainText('Юрченко Ольга');
      await expect(other.locator('.ProseMirror .comment-anchor')).toHaveText('документа');
    }
    if (title === titles[0])
      await expect(other.locator('figure.doc-image[data-loaded="true"]')).toHaveAttribute(
        'data-hash',
        hash
      );
    await other.goto(`${server.url}/`);
  }

  // The restored documents reached the server: a fresh device of the same person reads them.
  const device = await browser.newContext({ storageState: await target.owner.storageState() });
  const fresh = await device.newPage();
  await fresh.goto(`${server.url}/`);
  await fresh.getByRole('tree').getByText(titles[0]!, { exact: true }).click();
  await expect.poll(() => editorText(fresh)).toContain(`Текст документа «${titles[0]}».`);
  await Promise.all([device.close(), target.owner.close(), source.owner.close()]);
});

test('TR16 TR17 a Word picture becomes an image of the document and the HTML page embeds it', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Смирнова Анна');
  const page = await network.open(network.owner, '/backup');
  const word = docx(para('Дымковская барыня', 'Heading1') + para('Перед рисунком.') + picture(0), {
    'image1.png': png
  });
  await page.getByTestId('import-file').setInputFiles({
    name: 'барыня.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from(word)
  });
  // No picture left out: the new document opens at once, its picture shown from this device.
  await page.waitForURL(/\/doc\?id=/);
  const figure = page.locator('.ProseMirror figure.doc-image');
  await expect(figure).toHaveAttribute('data-loaded', 'true');
  await expect(figure.locator('img')).toHaveAttribute('alt', 'Барыня');
  await shoot(page, 'docx-image');
  await waitAllSaved(page);

  await page.getByTestId('export-menu').locator('summary').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-html').click();
  const html = await readFile(await (await download).path(), 'utf8');
  expect(html).toContain(
    `<img src="data:image/png;base64,${Buffer.from(png).toString('base64')}" alt="Барыня">`
  );
  await network.owner.close();
});
