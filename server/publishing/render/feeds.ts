import { TYPE_LABELS } from '../labels.ts';
import { cataloguePath, type Material } from '../material.ts';
import type { Site } from '../types.ts';
import { isoDate } from './dates.ts';
import { escapeHtml, escapeXml } from './escape.ts';
import { shell } from './layout.ts';

/** The Atom feed of a site's newest materials (RFC 4287): ids are the materials' URLs. */
export function renderAtomFeed(site: Site, materials: Material[], origin: string): string {
  const home = `${origin}${cataloguePath(site)}`;
  const updated = materials[0]?.publishedAt ?? 0;
  const entries = materials
    .map((m) => {
      const url = `${origin}${m.path}`;
      const author = m.pinned.fields.author || m.pinned.fields.institution || site.title;
      return (
        `<entry><id>${escapeXml(url)}</id><title>${escapeXml(m.pinned.title || 'Без названия')}</title>` +
        `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>` +
        `<published>${isoDate(m.firstPublishedAt)}</published><updated>${isoDate(m.publishedAt)}</updated>` +
        `<author><name>${escapeXml(author)}</name></author>` +
        `<category term="${escapeXml(m.pinned.type)}" label="${escapeXml(TYPE_LABELS[m.pinned.type])}"/>` +
        `<summary type="text">${escapeXml(m.pinned.summary)}</summary>` +
        `<rights>${escapeXml(m.licence.name)}</rights></entry>`
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">` +
    `<id>${escapeXml(home)}</id><title>${escapeXml(site.title)}</title>` +
    `<updated>${isoDate(updated)}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(`${home}feed.atom`)}"/>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(home)}"/>` +
    `<author><name>${escapeXml(site.title)}</name></author>${entries}</feed>`
  );
}

export function renderSitemap(site: Site, materials: Material[], origin: string): string {
  const home = `${origin}${cataloguePath(site)}`;
  const lastmod = materials[0]?.publishedAt;
  const urls = [
    `<url><loc>${escapeXml(home)}</loc>${lastmod ? `<lastmod>${isoDate(lastmod)}</lastmod>` : ''}</url>`,
    ...materials.map(
      (m) =>
        `<url><loc>${escapeXml(`${origin}${m.path}`)}</loc><lastmod>${isoDate(m.publishedAt)}</lastmod></url>`
    )
  ];
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`
  );
}

export function renderSitemapIndex(sites: Site[], origin: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
    sites
      .map((s) => `<sitemap><loc>${escapeXml(`${origin}/p/${s.slug}/sitemap.xml`)}</loc></sitemap>`)
      .join('') +
    `</sitemapindex>`
  );
}

/**
 * The widget an institution puts on its own site in an iframe: the latest materials as plain
 * links, no script; links open in a new tab, outside the frame.
 */
export function renderEmbed(site: Site, materials: Material[], origin: string): string {
  const items = materials
    .map(
      (m) =>
        `<li><a href="${escapeHtml(`${origin}${m.path}`)}" target="_blank" rel="noopener">${escapeHtml(m.pinned.title || 'Без названия')}</a></li>`
    )
    .join('');
  return shell({
    title: `Новые материалы — ${site.title}`,
    mainClass: 'embed',
    body:
      (items ? `<ul>${items}</ul>` : '<p>Материалов пока нет.</p>') +
      `<a class="more" href="${escapeHtml(`${origin}${cataloguePath(site)}`)}" target="_blank" rel="noopener">Все материалы: ${escapeHtml(site.title)}</a>`
  });
}

/**
 * `/robots.txt`: the public pages may be read, the API and the sync relay are not pages, and
 * every sitemap is named (the index and each site's own), as absolute addresses the format needs.
 */
export function renderRobots(sites: Site[], origin: string): string {
  const lines = ['User-agent: *', `Allow: /p/`, 'Disallow: /api/', 'Disallow: /sync/'];
  if (origin) {
    lines.push('', `Sitemap: ${origin}/sitemap.xml`);
    for (const s of sites) lines.push(`Sitemap: ${origin}/p/${s.slug}/sitemap.xml`);
  }
  return `${lines.join('\n')}\n`;
}
