import { randomUUID } from 'node:crypto';
import { DATE_FIELDS, FIELD_LABELS, directionLabel, TYPE_LABELS } from '../labels.ts';
import { cataloguePath, type Material } from '../material.ts';
import { firstImageHash, publicFilePath } from '../pinnedFiles.ts';
import { contentToSafeHtml, type RenderOptions } from './contentHtml.ts';
import { russianDate, russianDay, isoDate } from './dates.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { materialJsonLd } from './jsonLd.ts';
import { shell } from './layout.ts';
import { tagList } from './tagList.ts';
import type { PmNode } from '../types.ts';

/** The fields a reader looks for first, then the rest the type declares, in its order. */
const FIRST = ['direction', 'audienceAge', 'duration', 'institution', 'author'];

function fieldRows(material: Material): string {
  const fields = material.pinned.fields;
  const ids = [
    ...FIRST.filter((id) => fields[id]),
    ...Object.keys(fields).filter((id) => !FIRST.includes(id))
  ];
  const rows = [`<dt>Тип</dt><dd>${escapeHtml(TYPE_LABELS[material.pinned.type])}</dd>`];
  for (const id of ids) {
    const label = FIELD_LABELS[id];
    if (!label) continue;
    const raw = fields[id]!;
    const value =
      id === 'direction' ? directionLabel(raw) : DATE_FIELDS.has(id) ? russianDay(raw) : raw;
    rows.push(`<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  }
  const tags = material.pinned.tags ?? [];
  if (tags.length > 0) rows.push(`<dt>Теги</dt><dd>${tagList(tags)}</dd>`);
  return `<dl class="meta">${rows.join('')}</dl>`;
}

function metaTags(material: Material, origin: string): string {
  const url = `${origin}${material.path}`;
  const { pinned, site } = material;
  const tags: [string, string][] = [
    ['og:type', 'article'],
    ['og:title', pinned.title || 'Без названия'],
    ['og:description', pinned.summary],
    ['og:url', url],
    ['og:site_name', site.title],
    ['og:locale', 'ru_RU'],
    ['article:published_time', isoDate(material.firstPublishedAt)],
    ['article:modified_time', isoDate(material.publishedAt)]
  ];
  const image = firstImageHash(pinned.files);
  if (image) tags.push(['og:image', `${origin}${publicFilePath(site.slug, image)}`]);
  return (
    `<meta name="description" content="${escapeHtml(pinned.summary)}">` +
    `<link rel="canonical" href="${escapeHtml(url)}">` +
    `<link rel="license" href="${escapeHtml(material.licence.url)}">` +
    `<link rel="alternate" type="application/atom+xml" href="/p/${site.slug}/feed.atom" title="${escapeHtml(site.title)}">` +
    tags.map(([p, c]) => `<meta property="${p}" content="${escapeHtml(c)}">`).join('') +
    // A data block, never executed; JSON escapes `<` so no value can close the element.
    `<script type="application/ld+json">${jsonForScript(materialJsonLd(material, origin))}</script>`
  );
}

/**
 * A published material's page: readable without JavaScript, printable, with its licence. The
 * content (read from the store for this page alone) is rendered in slices (see
 * `contentToSafeHtml`), so the page is a promise of its UTF-8 pieces.
 */
export async function renderMaterialPage(
  material: Material,
  content: PmNode,
  origin: string,
  links: RenderOptions['docLink']
): Promise<Buffer[]> {
  const { pinned, site } = material;
  const title = pinned.title || 'Без названия';
  // Where the content goes in the page's frame: unguessable, so no title or field can fake it.
  const CONTENT_SLOT = `\u0000${randomUUID()}\u0000`;
  const html = await contentToSafeHtml(content, {
    docLink: links,
    fileHref: (hash) => publicFilePath(site.slug, hash),
    linkTitles: pinned.linkTitles
  });
  const body =
    `<p class="noprint"><a href="${cataloguePath(site)}">← Все материалы</a></p>` +
    `<article><h1>${escapeHtml(title)}</h1>${fieldRows(material)}` +
    `<div class="content">${CONTENT_SLOT}</div></article>` +
    `<footer class="colophon"><p>Обновлено <time datetime="${isoDate(material.publishedAt)}">` +
    `${russianDate(material.publishedAt)}</time>` +
    (material.firstPublishedAt !== material.publishedAt
      ? ` · впервые опубликовано ${russianDate(material.firstPublishedAt)}`
      : '') +
    `</p><p>Лицензия: <a rel="license" href="${escapeHtml(material.licence.url)}">` +
    `${escapeHtml(material.licence.name)} — ${escapeHtml(material.licence.title)}</a></p></footer>`;
  const page = shell({
    title: `${title} — ${site.title}`,
    head: metaTags(material, origin),
    site: { title: site.title, href: cataloguePath(site) },
    body
  });
  // The frame around the content is small; the content itself stays in its pieces.
  const at = page.indexOf(CONTENT_SLOT);
  return [
    Buffer.from(page.slice(0, at)),
    ...html,
    Buffer.from(page.slice(at + CONTENT_SLOT.length))
  ];
}
