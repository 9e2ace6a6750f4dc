import { expect, test, type Page } from '@playwright/test';
import {
  createDocument,
  insertParagraphAtEnd,
  status,
  waitAllSaved,
  waitForServiceWorker
} from './fixtures/app.ts';
import { TestNetwork } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

/** A real photograph-like PNG drawn by the browser: a gradient with a caption. */
async function drawnPng(page: Page, width = 640, height = 360): Promise<Buffer> {
  const base64 = await page.evaluate(
    ({ width, height }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d')!;
      const gradient = ctx.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#2f6b57');
      gradient.addColorStop(1, '#e9c46a');
      ctx.fillStyle = gradient;
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = '#fff';
      ctx.font = 'bold 36px sans-serif';
      ctx.fillText('Народная кукла: мастер-класс', 40, 190);
      return canvas.toDataURL('image/png').split(',')[1]!;
    },
    { width, height }
  );
  return Buffer.from(base64, 'base64');
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

test('FL14 an image and a file inserted offline show at once, and another person sees them after reconnect; FL15 a viewer cannot insert', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  const id = await createDocument(anna, 'Мастер-класс «Народная кукла»');
  await insertParagraphAtEnd(anna, 'Фотографии с занятия и программа:');
  await waitForServiceWorker(anna);
  await waitAllSaved(anna);

  const borisContext = await network.join('Борис Юрченко', 'viewer');
  const boris = await network.open(borisContext, `/doc?id=${id}`);
  await expect(boris.locator('.ProseMirror')).toContainText('Фотографии с занятия');
  // FL15: no insert button for a viewer.
  await expect(boris.getByRole('button', { name: /Вставить файл/ })).toHaveCount(0);

  const png = await drawnPng(anna);
  await network.owner.setOffline(true);
  await expect(status(anna)).toHaveAttribute('data-connection', 'offline');
  await anna.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.focus('end');
  });
  await anna.getByTestId('file-input').setInputFiles([
    { name: 'кукла.png', mimeType: 'image/png', buffer: png },
    { name: 'Программа мастер-класса.pdf', mimeType: 'application/pdf', buffer: PDF }
  ]);

  // Offline, the image shows from this device and says it waits for the network.
  const annaImage = anna.locator('figure.doc-image[data-loaded="true"] img');
  await expect(annaImage).toBeVisible();
  expect(await annaImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
  await expect(anna.locator('figure.doc-image .file-upload')).toContainText(
    'отправится, когда будет сеть'
  );
  const card = anna.locator('.doc-attachment__card');
  await expect(card).toContainText('Программа мастер-класса.pdf');
  await expect(card).toContainText(`${PDF.length}\u00a0Б · PDF`);
  await expect(boris.locator('figure.doc-image')).toHaveCount(0);

  // Back online: the upload goes through and Boris's browser shows the same picture.
  await network.owner.setOffline(false);
  await waitAllSaved(anna);
  await expect(anna.locator('figure.doc-image .file-upload')).toBeHidden();
  await expect(anna.locator('.doc-attachment .file-upload')).toBeHidden();
  const borisImage = boris.locator('figure.doc-image[data-loaded="true"] img');
  await expect(borisImage).toBeVisible();
  expect(await borisImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
  await expect(boris.locator('.doc-attachment__card')).toContainText('Программа мастер-класса.pdf');

  // Boris downloads the file from its card.
  const download = boris.waitForEvent('download');
  await boris.locator('.doc-attachment__card').click();
  expect((await download).suggestedFilename()).toBe('Программа мастер-класса.pdf');

  const ready = anna.getByRole('button', { name: 'OK' });
  if (await ready.isVisible()) await ready.click();
  for (const [name, size] of [
    ['768x1024', { width: 768, height: 1024 }],
    ['390x844', { width: 390, height: 844 }]
  ] as const) {
    await anna.setViewportSize(size);
    await anna.screenshot({ path: `tests/.artifacts/files-${name}.png`, fullPage: true });
  }
  await network.owner.close();
  await borisContext.close();
});

test('FL16 a large photo is made smaller on the device before it is stored; FL8 an image whose hash is a URL renders nothing and loads nothing', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const anna = await network.open(network.owner);
  await createDocument(anna, 'Фотоотчёт о выставке');
  const foreign: string[] = [];
  anna.on('request', (request) => {
    // Object URLs (blob:) are the device's own copies; anything else must be our server.
    const url = request.url();
    if (/^https?:/.test(url) && !url.startsWith(server.url)) foreign.push(url);
  });

  await anna.getByTestId('file-input').setInputFiles({
    name: 'выставка.png',
    mimeType: 'image/png',
    buffer: await drawnPng(anna, 2600, 1300)
  });
  const image = anna.locator('figure.doc-image[data-loaded="true"] img').first();
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2048);
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(1024);
  await expect(anna.locator('figure.doc-image .file-upload')).toBeHidden();

  // Pasting an image (as from a screenshot tool) inserts it the same way.
  const pasted = (await drawnPng(anna)).toString('base64');
  await anna.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'снимок.png', { type: 'image/png' }));
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.focus('end');
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
    );
  }, pasted);
  await expect(anna.locator('figure.doc-image[data-loaded="true"] img')).toHaveCount(2);

  // A document written by someone else's program may name a URL where a hash belongs.
  await anna.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.insertContentAt(el.editor.state.doc.content.size, {
      type: 'image',
      attrs: { hash: 'https://tracker.example/pixel.png' }
    });
  });
  await expect(anna.locator('figure.doc-image')).toHaveCount(3);
  await expect(anna.locator('figure.doc-image[hidden]')).toHaveCount(1);
  await expect(anna.locator('figure.doc-image img')).toHaveCount(2);
  expect(foreign).toEqual([]);
  await network.owner.close();
});
