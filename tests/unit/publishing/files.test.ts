import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { PNG_1PX, putBlob, sha256 } from '../files/blobHttp.ts';
import { PublishingServer, type Person } from './publishingServer.ts';

const defer = deferCleanup();
const SITE = '/p/set-uchrezhdeniy-belgoroda';
const DOC = 'doc-kukla';

/** Another real PNG (2×1), so two pictures have two hashes. */
const PNG_2PX = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mP8z8DwnwEIGGEMAC0iAv5Ts3ueAAAAAElFTkSuQmCC',
    'base64'
  )
);
const BINARY = Uint8Array.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x00, 0x10, 0x7f]);

type Block = { image?: string; attachment?: string; name?: string; text?: string };

/** Replaces a document's text with paragraphs, images and files, as the editor stores them. */
async function setBlocks(
  site: PublishingServer,
  as: Person,
  workspaceId: string,
  docId: string,
  blocks: Block[]
) {
  await site.write(as, workspaceId, docId, (doc) => {
    const fragment = doc.getXmlFragment('content');
    doc.transact(() => {
      fragment.delete(0, fragment.length);
      fragment.insert(
        0,
        blocks.map((block) => {
          if (block.image) {
            const image = new Y.XmlElement('image');
            image.setAttribute('hash', block.image);
            image.setAttribute('alt', 'Тряпичная кукла');
            image.setAttribute('width', 1 as unknown as string);
            image.setAttribute('height', 1 as unknown as string);
            return image;
          }
          if (block.attachment) {
            const file = new Y.XmlElement('attachment');
            file.setAttribute('hash', block.attachment);
            file.setAttribute('name', block.name ?? 'файл');
            return file;
          }
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText(block.text ?? '')]);
          return p;
        })
      );
    });
  });
}

async function setup() {
  const site = await PublishingServer.start(defer);
  const { owner, workspaceId } = await site.workspace();
  await site.setMeta(owner, workspaceId, DOC, { title: 'Народная кукла', type: 'masterClass' });
  return { site, owner, workspaceId };
}

const fileUrl = (hash: string, site = SITE) => `${site}/files/${hash}`;

describe('pictures and files on public pages', () => {
  it('PB19 PB20 a published image is shown on the page and served with the private route’s type, nosniff and sandbox', async () => {
    const { site, owner, workspaceId } = await setup();
    const hash = sha256(PNG_1PX);
    expect((await putBlob(owner.client, workspaceId, PNG_1PX, 'image/png')).status).toBe(201);
    await setBlocks(site, owner, workspaceId, DOC, [{ text: 'Ход занятия' }, { image: hash }]);
    const path = (await site.api(owner, workspaceId).publish(DOC)).json.publication.path;

    const page = await site.fetch(path);
    expect(page.text).toContain(
      `<figure><img src="${fileUrl(hash)}" alt="Тряпичная кукла" width="1" height="1" loading="lazy" decoding="async" /></figure>`
    );
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self'");

    const res = await fetch(site.url + fileUrl(hash));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PNG_1PX))).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-length')).toBe(String(PNG_1PX.length));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('etag')).toBe(`"${hash}"`);
    expect(res.headers.get('content-disposition')).toBeNull();

    const head = await fetch(site.url + fileUrl(hash), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(PNG_1PX.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const again = await site.fetch(fileUrl(hash), { 'if-none-match': `"${hash}"` });
    expect(again.status).toBe(304);
  });

  it('PB20 a published file is a link on the page; what is not a servable type goes out as a download', async () => {
    const { site, owner, workspaceId } = await setup();
    const hash = sha256(BINARY);
    await putBlob(owner.client, workspaceId, BINARY, 'application/octet-stream');
    await setBlocks(site, owner, workspaceId, DOC, [{ attachment: hash, name: 'Выкройка.bin' }]);
    const path = (await site.api(owner, workspaceId).publish(DOC)).json.publication.path;
    expect((await site.fetch(path)).text).toContain(
      `<p class="file"><a href="${fileUrl(hash)}" download="Выкройка.bin">Выкройка.bin</a></p>`
    );
    const res = await site.fetch(fileUrl(hash));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('PB21 a stored file only a private document, a draft edit or another workspace names is the same 404 as an unknown one', async () => {
    const { site, owner, workspaceId } = await setup();
    const shown = sha256(PNG_1PX);
    const privateOnly = sha256(PNG_2PX);
    const later = sha256(BINARY);
    for (const [bytes, type] of [
      [PNG_1PX, 'image/png'],
      [PNG_2PX, 'image/png'],
      [BINARY, 'application/octet-stream']
    ] as const) {
      expect((await putBlob(owner.client, workspaceId, bytes, type)).status).toBe(201);
    }
    // A private document shows the second picture; it is never published.
    await site.setMeta(owner, workspaceId, 'private', { title: 'Личное', type: 'note' });
    await setBlocks(site, owner, workspaceId, 'private', [{ image: privateOnly }]);
    await setBlocks(site, owner, workspaceId, DOC, [{ image: shown }]);
    await site.api(owner, workspaceId).publish(DOC);
    // A draft edit after publishing adds a file: it stays private until republished.
    await setBlocks(site, owner, workspaceId, DOC, [{ image: shown }, { attachment: later }]);

    // Another workspace publishes a document naming this one's picture, without its bytes.
    const other = await site.workspace('Другая сеть');
    await site.setMeta(other.owner, other.workspaceId, 'theirs', {
      title: 'Чужой материал',
      type: 'masterClass'
    });
    await setBlocks(site, other.owner, other.workspaceId, 'theirs', [{ image: privateOnly }]);
    const theirs = (await site.api(other.owner, other.workspaceId).publish('theirs')).json
      .publication.path as string;
    const otherSite = theirs.split('/').slice(0, 3).join('/');

    const unknown = await site.fetch(fileUrl('0'.repeat(64)));
    expect(unknown.status).toBe(404);
    expect((await site.fetch(fileUrl(shown))).status).toBe(200);
    for (const url of [
      fileUrl(privateOnly),
      fileUrl(later),
      fileUrl(privateOnly, otherSite),
      fileUrl(shown, otherSite),
      fileUrl(shown.toUpperCase()),
      `${fileUrl(shown)}/x`,
      `${SITE}/files/..%2F${shown}`,
      `${SITE}/files/`
    ]) {
      const res = await site.fetch(url);
      expect(res.status, url).toBe(404);
      expect(res.text, url).toBe(unknown.text);
      expect(res.headers.get('cache-control'), url).toBe('no-store');
      expect(res.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
    }
    const head = await fetch(site.url + fileUrl(privateOnly), { method: 'HEAD' });
    expect(head.status).toBe(404);

    // Republished, the later file is public too.
    await site.api(owner, workspaceId).publish(DOC);
    expect((await site.fetch(fileUrl(later))).status).toBe(200);
  });

  it('PB21 after unpublishing, the files of the material answer 404 at once, also to a cached ETag', async () => {
    const { site, owner, workspaceId } = await setup();
    const hash = sha256(PNG_1PX);
    await putBlob(owner.client, workspaceId, PNG_1PX, 'image/png');
    await setBlocks(site, owner, workspaceId, DOC, [{ image: hash }]);
    await site.api(owner, workspaceId).publish(DOC);
    expect((await site.fetch(fileUrl(hash))).status).toBe(200);

    await site.api(owner, workspaceId).unpublish(DOC);
    expect((await site.fetch(fileUrl(hash))).status).toBe(404);
    expect((await site.fetch(fileUrl(hash), { 'if-none-match': `"${hash}"` })).status).toBe(404);
  });

  it('PB21 a picture still shown by another published material stays public when one is taken down', async () => {
    const { site, owner, workspaceId } = await setup();
    const hash = sha256(PNG_1PX);
    await putBlob(owner.client, workspaceId, PNG_1PX, 'image/png');
    await site.setMeta(owner, workspaceId, 'second', {
      title: 'Вторая кукла',
      type: 'masterClass'
    });
    await setBlocks(site, owner, workspaceId, DOC, [{ image: hash }]);
    await setBlocks(site, owner, workspaceId, 'second', [{ image: hash }]);
    await site.api(owner, workspaceId).publish(DOC);
    await site.api(owner, workspaceId).publish('second');
    await site.api(owner, workspaceId).unpublish(DOC);
    expect((await site.fetch(fileUrl(hash))).status).toBe(200);
    await site.api(owner, workspaceId).unpublish('second');
    expect((await site.fetch(fileUrl(hash))).status).toBe(404);
  });

  it('PB22 Open Graph and JSON-LD name the first picture by its absolute address', async () => {
    const { site, owner, workspaceId } = await setup();
    const first = sha256(PNG_2PX);
    const second = sha256(PNG_1PX);
    await setBlocks(site, owner, workspaceId, DOC, [
      { attachment: sha256(BINARY) },
      { image: first },
      { image: second }
    ]);
    const path = (await site.api(owner, workspaceId).publish(DOC)).json.publication.path;
    const html = (await site.fetch(path)).text;
    const absolute = `${site.url}${fileUrl(first)}`;
    expect(html).toContain(`<meta property="og:image" content="${absolute}">`);
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json).image).toBe(absolute);
  });
});
