import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { tagsOf, unsafeMarkup } from './markup.ts';
import { PublishingServer } from './publishingServer.ts';

const defer = deferCleanup();
const SITE = '/p/set-uchrezhdeniy-belgoroda';

type Material = {
  id: string;
  title: string;
  type: string;
  fields: Record<string, string>;
  text: string[];
};

const MATERIALS: Material[] = [
  {
    id: 'dymkovo',
    title: 'Мастер-класс «Дымковская игрушка»',
    type: 'masterClass',
    fields: {
      direction: 'folkCulture',
      audienceAge: '7–12 лет',
      duration: '45 минут',
      institution: 'Музей народной культуры',
      author: 'Юрченко О. Ф.'
    },
    text: ['Лепим игрушки из глины и расписываем их.']
  },
  {
    id: 'theatre',
    title: 'Творческий вечер «Театр и книга»',
    type: 'eventReport',
    fields: { institution: 'Библиотека им. Лиханова', author: 'Лобанова А. В.' },
    text: ['Учащиеся читали стихи и показывали сценки.']
  },
  {
    id: 'robots',
    title: 'Занятие по робототехнике',
    type: 'methodology',
    fields: { direction: 'technical', audienceAge: 'от 12 лет', institution: 'МБУДО «Юность»' },
    text: ['Собираем простого робота.']
  }
];

async function publishedSite() {
  const site = await PublishingServer.start(defer);
  const { owner, workspaceId } = await site.workspace();
  const paths: Record<string, string> = {};
  for (const m of MATERIALS) {
    await site.setMeta(owner, workspaceId, m.id, {
      title: m.title,
      type: m.type,
      fields: m.fields
    });
    await site.setText(owner, workspaceId, m.id, m.text);
    paths[m.id] = (await site.api(owner, workspaceId).publish(m.id)).json.publication.path;
  }
  return { site, owner, workspaceId, paths };
}

function jsonLdOf(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no JSON-LD block');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}

function metaOf(html: string, property: string): string | undefined {
  return tagsOf(html).find((t) => t.name === 'meta' && t.attrs.property === property)?.attrs
    .content;
}

describe('public pages', () => {
  it('PB7 a material page is complete HTML with its fields, licence and date, under a strict policy', async () => {
    const { site, paths } = await publishedSite();
    const res = await site.fetch(paths.dymkovo!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('must-revalidate');
    expect(res.headers.get('etag')).toBeTruthy();
    for (const words of [
      '<h1>Мастер-класс «Дымковская игрушка»</h1>',
      'Народная культура',
      '7–12 лет',
      '45 минут',
      'Музей народной культуры',
      'Юрченко О. Ф.',
      'Лепим игрушки из глины',
      'CC BY 4.0',
      'Обновлено <time'
    ]) {
      expect(res.text).toContain(words);
    }
    expect(res.text).toMatch(/Обновлено <time datetime="[^"]+">\d{1,2} [а-я]+ \d{4} г\.<\/time>/);
    expect(unsafeMarkup(res.text)).toEqual([]);
    // The stylesheet it names is served from here, cached for good.
    const css = tagsOf(res.text).find((t) => t.name === 'link' && t.attrs.rel === 'stylesheet')!;
    const sheet = await site.fetch(css.attrs.href!);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toContain('text/css');
    expect(sheet.text).toContain('@media print');
  });

  it('PB9 Open Graph tags and a schema.org LearningResource describe the material', async () => {
    const { site, paths } = await publishedSite();
    const html = (await site.fetch(paths.dymkovo!)).text;
    expect(metaOf(html, 'og:title')).toBe('Мастер-класс «Дымковская игрушка»');
    expect(metaOf(html, 'og:url')).toBe(site.url + paths.dymkovo);
    expect(metaOf(html, 'og:description')).toContain('Лепим игрушки');
    const ld = jsonLdOf(html);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'LearningResource',
      name: 'Мастер-класс «Дымковская игрушка»',
      inLanguage: 'ru',
      license: 'https://creativecommons.org/licenses/by/4.0/deed.ru',
      learningResourceType: 'Мастер-класс',
      typicalAgeRange: '7-12',
      educationalLevel: '7–12 лет',
      timeRequired: 'PT45M',
      about: 'Народная культура',
      author: { '@type': 'Person', name: 'Юрченко О. Ф.' },
      provider: { '@type': 'Organization', name: 'Музей народной культуры' }
    });
    expect(new Date(ld.dateModified as string).getTime()).toBeGreaterThan(0);
  });

  it('PB8 the Atom feed and the sitemaps are well-formed and list every published material', async () => {
    const { site, paths } = await publishedSite();
    const feed = await site.fetch(`${SITE}/feed.atom`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(XMLValidator.validate(feed.text)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(feed.text);
    const entries = parsed.feed.entry as { id: string; title: string; updated: string }[];
    expect(entries.map((e) => e.id).sort()).toEqual(
      Object.values(paths)
        .map((p) => site.url + p)
        .sort()
    );
    expect(entries.map((e) => e.title)).toContain('Творческий вечер «Театр и книга»');
    expect(parsed.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');

    const sitemap = await site.fetch(`${SITE}/sitemap.xml`);
    expect(XMLValidator.validate(sitemap.text)).toBe(true);
    const urls = new XMLParser().parse(sitemap.text).urlset.url as { loc: string }[];
    expect(urls.map((u) => u.loc)).toEqual(
      expect.arrayContaining([
        `${site.url}${SITE}/`,
        ...Object.values(paths).map((p) => site.url + p)
      ])
    );
    const index = await site.fetch('/sitemap.xml');
    expect(XMLValidator.validate(index.text)).toBe(true);
    expect(new XMLParser().parse(index.text).sitemapindex.sitemap.loc).toBe(
      `${site.url}${SITE}/sitemap.xml`
    );
  });

  it('PB10 the catalogue filters by direction, type, institution and age, and searches with Russian morphology', async () => {
    const { site } = await publishedSite();
    const titles = async (query: string) => {
      const html = (await site.fetch(`${SITE}/?${query}`)).text;
      return tagsOf(html)
        .filter((t) => t.name === 'a' && /-[0-9a-z]{8}$/.test(t.attrs.href ?? ''))
        .map((t) =>
          t.attrs
            .href!.split('/')
            .at(-1)!
            .replace(/-[0-9a-z]{8}$/, '')
        );
    };
    expect((await titles('')).length).toBe(3);
    expect(await titles('direction=technical')).toEqual(['zanyatie-po-robototehnike']);
    expect(await titles('type=eventReport')).toEqual(['tvorcheskiy-vecher-teatr-i-kniga']);
    expect(await titles(`institution=${encodeURIComponent('Музей народной культуры')}`)).toEqual([
      'master-klass-dymkovskaya-igrushka'
    ]);
    expect((await titles('age=13')).sort()).toEqual(['zanyatie-po-robototehnike']);
    expect((await titles('age=9')).sort()).toEqual(['master-klass-dymkovskaya-igrushka']);
    // «игрушками» and «глиной» are other forms of «игрушка» and «глина».
    expect(await titles(`q=${encodeURIComponent('игрушками из глиной')}`)).toEqual([
      'master-klass-dymkovskaya-igrushka'
    ]);
    expect(await titles(`q=${encodeURIComponent('стихами')}&type=eventReport`)).toEqual([
      'tvorcheskiy-vecher-teatr-i-kniga'
    ]);
    expect(await titles(`q=${encodeURIComponent('стихами')}&type=methodology`)).toEqual([]);
    // Nonsense in the query is ignored, not an error.
    const odd = await site.fetch(`${SITE}/?age=abc&type=<x>&direction=%E0&page=-1`);
    expect(odd.status).toBe(200);
    // The form is a plain GET form back to the catalogue.
    const form = tagsOf(odd.text).find((t) => t.name === 'form')!;
    expect(form.attrs).toMatchObject({ method: 'get', action: `${SITE}/` });
  });

  it('PB11 the embed widget lists the latest materials, has no script and may be framed anywhere', async () => {
    const { site } = await publishedSite();
    const res = await site.fetch(`${SITE}/embed?n=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('x-frame-options')).toBeNull();
    const links = tagsOf(res.text).filter((t) => t.name === 'a');
    expect(links.length).toBe(3); // two materials and «all materials»
    expect(
      links.every((l) => l.attrs.target === '_blank' && l.attrs.href!.startsWith(site.url))
    ).toBe(true);
    expect(res.text).not.toContain('<script');
    // Every other page refuses to be framed.
    expect((await site.fetch(`${SITE}/`)).headers.get('x-frame-options')).toBe('DENY');
  });

  it('PB2 a hostile document written by a raw Yjs client publishes inert', async () => {
    const { site, owner, workspaceId } = await publishedSite();
    await site.setMeta(owner, workspaceId, 'evil', {
      title: '</title><script>alert(1)</script>',
      type: 'methodology',
      fields: {
        direction: '"><img src=x onerror=alert(2)>',
        author: '</script><script>alert(3)</script>',
        audienceAge: '\u0000\u0007<svg onload=alert(4)>'
      }
    });
    await site.write(owner, workspaceId, 'evil', (doc) => {
      const fragment = doc.getXmlFragment('content');
      const p = new Y.XmlElement('paragraph');
      p.setAttribute('onclick', 'alert(5)');
      const t = new Y.XmlText();
      t.insert(0, 'нажми', { link: { href: 'javascript:alert(6)', onclick: 'alert(7)' } });
      p.insert(0, [t]);
      const script = new Y.XmlElement('script');
      script.insert(0, [new Y.XmlText('alert(8)')]);
      const svg = new Y.XmlElement('svg');
      svg.setAttribute('onload', 'alert(9)');
      const img = new Y.XmlElement('image');
      img.setAttribute('src', 'javascript:alert(10)');
      fragment.insert(0, [p, script, svg, img]);
    });
    const path = (await site.api(owner, workspaceId).publish('evil')).json.publication.path;
    for (const url of [path, `${SITE}/`, `${SITE}/embed`]) {
      const html = (await site.fetch(url)).text;
      expect(unsafeMarkup(html), url).toEqual([]);
      expect(html).not.toMatch(/<script>alert|<\/title><script/);
    }
    const page = (await site.fetch(path)).text;
    expect(page).toContain('нажми');
    expect(jsonLdOf(page).author).toEqual({
      '@type': 'Person',
      name: '</script><script>alert(3)</script>'
    });
    const feed = (await site.fetch(`${SITE}/feed.atom`)).text;
    expect(XMLValidator.validate(feed)).toBe(true);
  });

  it('PB15 a page is rendered once per published version and then served from the cache', async () => {
    const { site, owner, workspaceId, paths } = await publishedSite();
    const cache = site.server.publicSite.cache;
    await site.fetch(paths.dymkovo!);
    const misses = cache.misses;
    await site.fetch(paths.dymkovo!);
    await site.fetch(paths.dymkovo!);
    expect(cache.misses).toBe(misses);
    await site.setText(owner, workspaceId, 'dymkovo', ['Новая версия.']);
    await site.api(owner, workspaceId).publish('dymkovo');
    expect((await site.fetch(paths.dymkovo!)).text).toContain('Новая версия.');
    expect(cache.misses).toBe(misses + 1);
  });

  it('PB7 unknown sites and addresses answer 404, other methods 405', async () => {
    const { site, paths } = await publishedSite();
    expect((await site.fetch('/p/no-such-site/')).status).toBe(404);
    expect((await site.fetch(`${SITE}/nothing-12345678`)).status).toBe(404);
    expect((await site.fetch(`${SITE}/%E0%A4%A`)).status).toBe(404);
    expect((await site.fetch(SITE)).status).toBe(301);
    const post = await fetch(site.url + paths.dymkovo, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});
