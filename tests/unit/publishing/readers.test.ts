import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { PNG_1PX, putBlob, sha256 } from '../files/blobHttp.ts';
import { tagsOf, unsafeMarkup } from './markup.ts';
import { PublishingServer, type Person } from './publishingServer.ts';

const defer = deferCleanup();
const SITE = '/p/set-uchrezhdeniy-belgoroda';

async function setTags(
  site: PublishingServer,
  as: Person,
  ws: string,
  docId: string,
  tags: string[]
) {
  await site.write(as, ws, 'index', (doc) => {
    const entry = doc.getMap<Y.Map<unknown>>('documents').get(docId)!;
    const map = new Y.Map<unknown>();
    for (const tag of tags) map.set(tag, true);
    entry.set('tags', map);
  });
}

/** What a reader sees: the page's text without markup. */
const visibleText = (html: string) =>
  html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('what a reader of a public page sees', () => {
  it('PB25 date fields read as Russian long dates and the tags are shown, on the page and in the catalogue', async () => {
    const site = await PublishingServer.start(defer);
    const { owner, workspaceId } = await site.workspace();
    await site.setMeta(owner, workspaceId, 'mk', {
      title: 'Мастер-класс «Народная кукла»',
      type: 'masterClass',
      fields: { date: '2027-03-15', venue: 'Библиотека' }
    });
    await setTags(site, owner, workspaceId, 'mk', ['фольклор', 'куклы']);
    await site.setText(owner, workspaceId, 'mk', ['Делаем куклу-закрутку.']);
    const path = (await site.api(owner, workspaceId).publish('mk')).json.publication.path;

    const page = visibleText((await site.fetch(path)).text);
    expect(page).toContain('Дата 15 марта 2027 г.');
    expect(page).not.toContain('2027-03-15');
    expect(page).toMatch(/Теги куклы фольклор/);
    const catalogue = visibleText((await site.fetch(`${SITE}/`)).text);
    expect(catalogue).toContain('куклы фольклор');
    // «…г.» is the end of a Russian date: no sentence adds a second full stop after it.
    expect(page + catalogue).not.toContain('г..');
  });

  it('PB26 a link to a document that is not published reads as its title in plain text, never as a link', async () => {
    const site = await PublishingServer.start(defer);
    const { owner, workspaceId } = await site.workspace();
    await site.setMeta(owner, workspaceId, 'plan', { title: 'План на год', type: 'projectPlan' });
    await site.setMeta(owner, workspaceId, 'mk', { title: 'Игрушка', type: 'masterClass' });
    await site.write(owner, workspaceId, 'mk', (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('См. ')]);
      const link = new Y.XmlElement('docLink');
      link.setAttribute('docId', 'plan');
      p.insert(1, [link]);
      doc.getXmlFragment('content').insert(0, [p]);
    });
    const path = (await site.api(owner, workspaceId).publish('mk')).json.publication.path;
    // Renaming the private document later changes nothing on the page: the title is pinned.
    await site.setMeta(owner, workspaceId, 'plan', { title: 'Новое название' });

    const html = (await site.fetch(path)).text;
    expect(html).toContain('<p>См. <span>План на год</span></p>');
    expect(html).not.toContain('другой материал');
    expect(html).not.toContain('Новое название');
  });

  it('PB27 the catalogue shows each material beside its first picture, which the site serves', async () => {
    const site = await PublishingServer.start(defer);
    const { owner, workspaceId } = await site.workspace();
    const hash = sha256(PNG_1PX);
    expect((await putBlob(owner.client, workspaceId, PNG_1PX, 'image/png')).status).toBe(201);
    await site.setMeta(owner, workspaceId, 'mk', { title: 'С картинкой', type: 'masterClass' });
    await site.setMeta(owner, workspaceId, 'plain', { title: 'Без картинки', type: 'note' });
    await site.write(owner, workspaceId, 'mk', (doc) => {
      const image = new Y.XmlElement('image');
      image.setAttribute('hash', hash);
      doc.getXmlFragment('content').insert(0, [image]);
    });
    await site.setText(owner, workspaceId, 'plain', ['Только текст.']);
    await site.api(owner, workspaceId).publish('mk');
    await site.api(owner, workspaceId).publish('plain');

    const thumbs = tagsOf((await site.fetch(`${SITE}/`)).text).filter(
      (t) => t.name === 'img' && t.attrs.class === 'thumb'
    );
    expect(thumbs.map((t) => t.attrs.src)).toEqual([`${SITE}/files/${hash}`]);
    const picture = await site.fetch(thumbs[0]!.attrs.src!);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
  });

  it('PB28 /robots.txt names the sitemap index and every site map; every page names an icon', async () => {
    const site = await PublishingServer.start(defer);
    const { owner, workspaceId } = await site.workspace();
    await site.setMeta(owner, workspaceId, 'mk', { title: 'Игрушка', type: 'masterClass' });
    await site.setText(owner, workspaceId, 'mk', ['Текст.']);
    const path = (await site.api(owner, workspaceId).publish('mk')).json.publication.path;

    const robots = await site.fetch('/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(robots.text.split('\n')).toEqual(
      expect.arrayContaining([
        'User-agent: *',
        'Allow: /p/',
        'Disallow: /api/',
        `Sitemap: ${site.url}/sitemap.xml`,
        `Sitemap: ${site.url}${SITE}/sitemap.xml`
      ])
    );
    for (const url of [path, `${SITE}/`]) {
      const icon = tagsOf((await site.fetch(url)).text).find(
        (t) => t.name === 'link' && t.attrs.rel === 'icon'
      );
      expect(icon?.attrs.href, url).toBe('/icons/icon.svg');
    }
  });

  it('PB29 a material nested 2,000 levels deep publishes and shows its text with a note where the rest is cut', async () => {
    const site = await PublishingServer.start(defer);
    const { owner, workspaceId } = await site.workspace();
    await site.setMeta(owner, workspaceId, 'deep', { title: 'Глубоко', type: 'note' });
    await site.write(owner, workspaceId, 'deep', (doc) => {
      const top = new Y.XmlElement('paragraph');
      top.insert(0, [new Y.XmlText('Начало материала.')]);
      doc.getXmlFragment('content').insert(0, [top]);
      // Each level goes in after its parent is in the document: Yjs integrates one level at a time.
      let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('content');
      for (let i = 0; i < 2000; i++) {
        const quote = new Y.XmlElement('blockquote');
        parent.insert(parent.length, [quote]);
        parent = quote;
      }
      const bottom = new Y.XmlElement('paragraph');
      parent.insert(0, [bottom]);
      bottom.insert(0, [new Y.XmlText('Дно')]);
    });
    const published = await site.api(owner, workspaceId).publish('deep');
    expect(published.status).toBe(200);
    const page = await site.fetch(published.json.publication.path);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain('Начало материала.');
    expect(text.match(/Дальше текст вложен слишком глубоко и здесь не показан\./g)).toHaveLength(1);
    expect(unsafeMarkup(page.text)).toEqual([]);
  });
});
