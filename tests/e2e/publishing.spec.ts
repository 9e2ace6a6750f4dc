import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { TestNetwork } from './fixtures/accounts.ts';
import {
  createDocument,
  insertParagraphAtEnd,
  waitAllSaved,
  waitForServiceWorker
} from './fixtures/app.ts';
import { RawPeer } from './fixtures/rawPeer.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

const state = (page: Page) => page.getByTestId('publication-state');

async function shoot(page: Page, name: string) {
  for (const [w, h] of [
    [768, 1024],
    [1024, 768],
    [390, 844]
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({
      path: `tests/.artifacts/publishing-${name}-${w}x${h}.png`,
      fullPage: true
    });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
}

test('PB12 propose → publish → read without JavaScript → private edit → republish → unpublish gives 410', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Иванова Мария');
  const editorContext = await network.join('Юрченко Ольга', 'editor');

  // An editor writes a document and proposes it.
  const editor = await network.open(editorContext);
  const docId = await createDocument(editor, 'Мастер-класс «Дымковская игрушка»');
  await insertParagraphAtEnd(editor, 'Первая версия: лепим барыню из глины.');
  await waitAllSaved(editor);
  await expect(state(editor)).toContainText('не опубликован');
  await expect(editor.getByTestId('publish')).toHaveCount(0);
  await editor.getByTestId('propose').click();
  await expect(state(editor)).toContainText('Предложен к публикации');
  await shoot(editor, 'panel-editor');

  // The owner reviews it and publishes it under a licence of their choice.
  const owner = await network.open(network.owner, `/doc?id=${docId}`);
  await expect(state(owner)).toContainText('Предложен к публикации');
  await owner.getByTestId('publication-licence').selectOption('CC-BY-SA-4.0');
  await owner.getByTestId('publish').click();
  await expect(state(owner)).toContainText('Опубликовано');
  await expect(state(owner)).toContainText('на сайте последняя версия');
  const url = await owner.getByTestId('public-url').inputValue();
  expect(url).toMatch(
    /\/p\/set-uchrezhdeniy-belgoroda\/master-klass-dymkovskaya-igrushka-[0-9a-z]{8}$/
  );
  await shoot(owner, 'panel-owner');

  // An anonymous visitor with JavaScript off reads it.
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const reader = await visitor.newPage();
  const first = await reader.goto(url);
  expect(first!.status()).toBe(200);
  await expect(reader.locator('h1')).toHaveText('Мастер-класс «Дымковская игрушка»');
  await expect(reader.locator('.content')).toContainText('Первая версия: лепим барыню из глины.');
  await expect(reader.getByRole('link', { name: /CC BY-SA 4\.0/ })).toBeVisible();
  await expect(reader.locator('footer')).toContainText(/Обновлено \d{1,2} [а-я]+ \d{4} г\./);
  await shoot(reader, 'material');

  // A private edit: the public page does not change; the panel says so.
  await insertParagraphAtEnd(owner, 'Вторая версия: добавили роспись.');
  await waitAllSaved(owner);
  await expect(state(owner)).toContainText('есть неопубликованные изменения');
  await reader.reload();
  await expect(reader.locator('.content')).toContainText('Первая версия');
  await expect(reader.locator('.content')).not.toContainText('Вторая версия');

  // Republished: the page shows the new version.
  await owner.getByTestId('publish').click();
  await expect(state(owner)).toContainText('на сайте последняя версия');
  await reader.reload();
  await expect(reader.locator('.content')).toContainText('Вторая версия: добавили роспись.');

  // The catalogue lists it and its search works without JavaScript.
  await reader.goto(`${server.url}/p/set-uchrezhdeniy-belgoroda/`);
  await reader.getByLabel('Поиск').fill('глиной');
  await reader.getByRole('button', { name: 'Найти' }).click();
  await expect(
    reader.getByRole('link', { name: 'Мастер-класс «Дымковская игрушка»' })
  ).toBeVisible();
  await shoot(reader, 'catalogue');

  // Unpublished: the address answers 410 Gone at once.
  owner.once('dialog', (dialog) => void dialog.accept());
  await owner.getByTestId('unpublish').click();
  await expect(state(owner)).toContainText('Снято с публикации');
  const gone = await reader.goto(url);
  expect(gone!.status()).toBe(410);
  await expect(reader.locator('h1')).toHaveText('Материал снят с публикации');

  const settings = await network.open(network.owner, '/publishing');
  await expect(settings.getByTestId('embed-code')).toHaveValue(
    /<iframe src="http:\/\/127\.0\.0\.1:\d+\/p\/set-uchrezhdeniy-belgoroda\/embed\?n=5"/
  );
  await shoot(settings, 'settings');

  await visitor.close();
  await editorContext.close();
  await network.owner.close();
});

test('PB13 the service worker never answers a public page with the app shell', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Иванова Мария', 'Сеть два');
  const page = await network.open(network.owner);
  await waitForServiceWorker(page);
  const catalogue = await page.request.get(
    `${server.url}/api/workspaces/${network.workspaceId}/publishing`
  );
  const slug = ((await catalogue.json()) as { settings: { slug: string } }).settings.slug;
  const response = await page.goto(`${server.url}/p/${slug}/`);
  expect(response!.fromServiceWorker()).toBe(false);
  expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");
  await expect(page.locator('h1')).toHaveText('Материалы');
  await network.owner.close();
});

function writeHostile(index: Y.Doc, body: Y.Doc, docId: string) {
  index.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('title', '<img src=x onerror=alert(1)>Враждебный материал');
    entry.set('type', 'methodology');
    entry.set('createdAt', Date.now());
    entry.set('updatedAt', Date.now());
    entry.set('deletedAt', null);
    const fields = new Y.Map<unknown>();
    fields.set('author', '</script><script>alert(2)</script>');
    fields.set('direction', '"><svg onload=alert(3)>');
    entry.set('fields', fields);
    index.getMap('documents').set(docId, entry);
  });
  body.transact(() => {
    const paragraph = (text: string, marks?: Record<string, unknown>) => {
      const p = new Y.XmlElement('paragraph');
      p.setAttribute('onclick', 'alert(4)');
      const t = new Y.XmlText();
      t.insert(0, text, marks);
      p.insert(0, [t]);
      return p;
    };
    const element = (name: string, attrs: Record<string, string>) => {
      const e = new Y.XmlElement(name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      e.insert(0, [new Y.XmlText('x')]);
      return e;
    };
    body
      .getXmlFragment('content')
      .insert(0, [
        paragraph('ссылка-один', { link: { href: 'javascript:alert(5)' } }),
        paragraph('ссылка-два', { link: { href: 'data:text/html,<script>alert(6)</script>' } }),
        element('script', {}),
        element('img', { src: 'x', onerror: 'alert(7)' }),
        element('iframe', { src: 'javascript:alert(8)' }),
        element('svg', { onload: 'alert(9)' }),
        element('heading', { level: '1" onmouseover="alert(10)' })
      ]);
  });
}

async function publishViaApi(context: BrowserContext, workspaceId: string, docId: string) {
  const res = await context.request.post(
    `${server.url}/api/workspaces/${workspaceId}/publications/${docId}/publish`,
    { data: {}, headers: { origin: server.url } }
  );
  expect(res.status()).toBe(200);
  return ((await res.json()) as { publication: { path: string } }).publication.path;
}

test('PB14 a hostile document, once published, renders inert in Chromium: 0 dialogs, no handlers', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Иванова Мария', 'Сеть три');
  const docId = 'hostilePublished1';
  const index = await RawPeer.connect(network.owner, server.url, network.workspaceId, 'index');
  const body = await RawPeer.connect(network.owner, server.url, network.workspaceId, docId);
  writeHostile(index.doc, body.doc, docId);
  await expect
    .poll(async () => {
      const res = await network.owner.request.post(
        `${server.url}/api/workspaces/${network.workspaceId}/publications/${docId}/propose`,
        { data: {}, headers: { origin: server.url } }
      );
      return res.status();
    })
    .toBe(200);
  await expect
    .poll(async () => {
      const path = await publishViaApi(network.owner, network.workspaceId, docId);
      const html = await (await network.owner.request.get(server.url + path)).text();
      return html.includes('ссылка-два');
    })
    .toBe(true);
  const path = await publishViaApi(network.owner, network.workspaceId, docId);
  const slug = path.split('/')[2]!;

  // A visitor with JavaScript on: if anything could run, it would.
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  for (const url of [path, `/p/${slug}/`, `/p/${slug}/embed`]) {
    await page.goto(server.url + url);
    const found = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script:not([type="application/ld+json"])').length,
      dangerous: document.querySelectorAll('iframe, svg, img, object, embed').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)
      ),
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!)
    }));
    expect(found.scripts, url).toBe(0);
    expect(found.dangerous, url).toBe(0);
    expect(found.handlers, url).toEqual([]);
    for (const href of found.hrefs) expect(href, url).toMatch(/^(https?:|\/[^/\\])/);
  }
  await page.goto(server.url + path);
  await expect(page.locator('h1')).toContainText('<img src=x onerror=alert(1)>Враждебный материал');
  await page.getByText('ссылка-один').click();
  await page.getByText('ссылка-два').click();
  expect(new URL(page.url()).pathname).toBe(path);
  expect(dialogs).toEqual([]);

  index.destroy();
  body.destroy();
  await visitor.close();
  await network.owner.close();
});

test('PB23 a published picture loads for an anonymous visitor with JavaScript off', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Иванова Мария', 'Сеть четыре');
  const owner = await network.open(network.owner);
  const docId = await createDocument(owner, 'Мастер-класс «Народная кукла»');
  await insertParagraphAtEnd(owner, 'Так выглядит готовая кукла:');
  await waitAllSaved(owner);

  // A picture drawn by the browser, inserted as a person inserts one.
  const png = await owner.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#2f6b57';
    ctx.fillRect(0, 0, 320, 180);
    ctx.fillStyle = '#e9c46a';
    ctx.fillRect(40, 40, 240, 100);
    return canvas.toDataURL('image/png').split(',')[1]!;
  });
  await owner.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & {
      editor?: { commands: { focus: (at: string) => void } };
    };
    el.editor!.commands.focus('end');
  });
  await owner.getByTestId('file-input').setInputFiles({
    name: 'кукла.png',
    mimeType: 'image/png',
    buffer: Buffer.from(png, 'base64')
  });
  await expect(owner.locator('figure.doc-image[data-loaded="true"] img')).toBeVisible();
  await waitAllSaved(owner);
  await expect(owner.locator('figure.doc-image .file-upload')).toBeHidden();

  const path = await publishViaApi(network.owner, network.workspaceId, docId);
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const reader = await visitor.newPage();
  const fileLoaded = reader.waitForResponse((res) => /\/files\/[0-9a-f]{64}$/.test(res.url()));
  expect((await reader.goto(server.url + path))!.status()).toBe(200);
  const file = await fileLoaded;
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/png');

  const image = reader.locator('.content figure img');
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
    .toBe(320);
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(180);
  await reader.screenshot({ path: 'tests/.artifacts/publishing-image.png', fullPage: true });

  await visitor.close();
  await network.owner.close();
});
