import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { TestNetwork } from './fixtures/accounts.ts';
import { editorText } from './fixtures/app.ts';
import { RawPeer } from './fixtures/rawPeer.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const DOC_ID = 'hostileDoc1';

/** Everything a peer could write to make the app run code: none of it may. */
function writeHostileDocument(doc: Y.Doc): void {
  const content = doc.getXmlFragment('content');
  const paragraph = (
    text: string,
    marks?: Record<string, unknown>,
    attrs?: Record<string, string>
  ) => {
    const p = new Y.XmlElement('paragraph');
    for (const [k, v] of Object.entries(attrs ?? {})) p.setAttribute(k, v);
    const t = new Y.XmlText();
    t.insert(0, text, marks);
    p.insert(0, [t]);
    return p;
  };
  const element = (name: string, attrs: Record<string, string>, text = 'x') => {
    const e = new Y.XmlElement(name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    const t = new Y.XmlText();
    t.insert(0, text);
    e.insert(0, [t]);
    return e;
  };
  content.insert(0, [
    paragraph('Безопасный текст'),
    paragraph('ссылка-один', { link: { href: 'javascript:alert(1)' } }),
    paragraph('ссылка-два', { link: { href: ' JaVaScRiPt:alert(2)' } }),
    paragraph('ссылка-три', { link: { href: 'data:text/html,<script>alert(3)</script>' } }),
    paragraph('ссылка-четыре', { link: { href: 'https://example.org/', onclick: 'alert(4)' } }),
    paragraph('абзац с обработчиком', undefined, { onclick: 'alert(5)', style: 'x' }),
    element('script', {}, 'alert(6)'),
    element('img', { src: 'x', onerror: 'alert(7)' }),
    element('iframe', { src: 'javascript:alert(8)' }),
    element('svg', { onload: 'alert(9)' }),
    element('heading', { level: '1" onmouseover="alert(10)' }, 'Заголовок'),
    element('codeBlock', { language: '"><img src=x onerror=alert(11)>' }, 'код'),
    element('docLink', { docId: 'javascript:alert(12)' }),
    element('image', { src: 'javascript:alert(13)', alt: '<img src=x onerror=alert(14)>' })
  ]);
}

function writeHostileIndexEntry(doc: Y.Doc): void {
  const entry = new Y.Map<unknown>();
  entry.set('title', '<img src=x onerror=alert(20)>Враждебный документ');
  entry.set('createdAt', Date.now());
  entry.set('updatedAt', Date.now());
  entry.set('deletedAt', null);
  entry.set('type', '<script>alert(21)</script>');
  const tags = new Y.Map<unknown>();
  tags.set('<svg onload=alert(22)>', true);
  entry.set('tags', tags);
  const fields = new Y.Map<unknown>();
  fields.set('goals', '<script>alert(23)</script>');
  fields.set('direction', '"><img src=x onerror=alert(24)>');
  entry.set('fields', fields);
  doc.getMap('documents').set(DOC_ID, entry);
}

test('XS1 a document written by a hostile peer opens inert: no script runs, no unsafe link or handler reaches the page', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Иванова Мария');
  const index = await RawPeer.connect(network.owner, server.url, network.workspaceId, 'index');
  const body = await RawPeer.connect(network.owner, server.url, network.workspaceId, DOC_ID);
  index.doc.transact(() => writeHostileIndexEntry(index.doc));
  body.doc.transact(() => writeHostileDocument(body.doc));

  const page = await network.owner.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // The list shows the title as text.
  await page.goto(server.url + '/');
  await expect(page.getByText('Враждебный документ').first()).toBeVisible();

  await page.goto(`${server.url}/doc?id=${DOC_ID}`);
  await expect.poll(() => editorText(page)).toContain('ссылка-четыре');
  const editor = page.locator('.ProseMirror');
  // No dangerous target, element or handler made it into the editor's DOM.
  // (Tiptap renders a refused target as an empty href: a link to nowhere.)
  for (const anchor of await editor.locator('a[href]').all()) {
    expect(await anchor.getAttribute('href')).toMatch(/^(https?:|mailto:|\/[^/\\]|$)/);
  }
  await expect(editor.locator('script, iframe, svg, img[onerror], object, embed')).toHaveCount(0);
  const handlers = await page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes]
        .filter((a) => a.name.startsWith('on'))
        .map((a) => `${el.tagName}:${a.name}`)
    )
  );
  expect(handlers).toEqual([]);
  // Clicking what looked like links, and hovering the heading, does nothing either.
  for (const text of ['ссылка-один', 'ссылка-два', 'ссылка-три']) {
    await editor.getByText(text).click();
  }
  await editor.getByText('Заголовок').hover();
  expect(page.url()).toContain(`/doc?id=${DOC_ID}`);
  expect(network.owner.pages()).toHaveLength(1);
  expect(dialogs).toEqual([]);

  index.destroy();
  body.destroy();
  await network.owner.close();
});
