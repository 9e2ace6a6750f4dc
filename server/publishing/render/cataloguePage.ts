import { DIRECTIONS, DOCUMENT_TYPE_IDS } from '../../../src/lib/shared/model/documentTypes.ts';
import type { CatalogueQuery } from '../CatalogueIndex.ts';
import type { PublicEvent, PublicInstitution } from '../directory.ts';
import { DIRECTION_LABELS, directionLabel, TYPE_LABELS } from '../labels.ts';
import { cataloguePath, type Material } from '../material.ts';
import type { Site } from '../types.ts';
import { directorySections, eventsJsonLd } from './directorySections.ts';
import { isoDate, russianDate } from './dates.ts';
import { escapeHtml } from './escape.ts';
import { shell } from './layout.ts';
import { tagList } from './tagList.ts';
import { firstImageHash, publicFilePath } from '../pinnedFiles.ts';

export type CatalogueView = {
  site: Site;
  query: CatalogueQuery;
  results: Material[];
  total: number;
  page: number;
  pageSize: number;
  institutions: string[];
  partners: PublicInstitution[];
  events: PublicEvent[];
};

function options(values: [string, string][], selected: string | undefined, any: string): string {
  return (
    `<option value="">${escapeHtml(any)}</option>` +
    values
      .map(
        ([value, label]) =>
          `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`
      )
      .join('')
  );
}

function filterForm(view: CatalogueView): string {
  const q = view.query;
  return (
    `<form class="filters" method="get" action="${cataloguePath(view.site)}" role="search">` +
    `<label class="q">Поиск<input type="search" name="q" value="${escapeHtml(q.q ?? '')}" maxlength="200"></label>` +
    `<label>Направление<select name="direction">${options(
      DIRECTIONS.map((d) => [d, DIRECTION_LABELS[d]]),
      q.direction,
      'Все'
    )}</select></label>` +
    `<label>Тип<select name="type">${options(
      DOCUMENT_TYPE_IDS.filter((t) => t !== 'collection').map((t) => [t, TYPE_LABELS[t]]),
      q.type,
      'Все'
    )}</select></label>` +
    `<label>Учреждение<select name="institution">${options(
      view.institutions.map((i) => [i, i]),
      q.institution,
      'Все'
    )}</select></label>` +
    `<label>Возраст<input type="number" name="age" min="0" max="120" inputmode="numeric" value="${q.age ?? ''}"></label>` +
    `<button type="submit">Найти</button></form>`
  );
}

/** The material's first picture, small, beside its entry; nothing when it has none. */
function thumbnail(m: Material): string {
  const hash = firstImageHash(m.pinned.files);
  return hash
    ? `<img class="thumb" src="${escapeHtml(publicFilePath(m.site.slug, hash))}" alt="" loading="lazy" decoding="async" width="96" height="96">`
    : '';
}

function resultItem(m: Material): string {
  const f = m.pinned.fields;
  const facts = [
    TYPE_LABELS[m.pinned.type],
    f.direction ? directionLabel(f.direction) : '',
    f.audienceAge ?? '',
    f.institution ?? ''
  ].filter(Boolean);
  return (
    `<li>${thumbnail(m)}<h2><a href="${escapeHtml(m.path)}">${escapeHtml(m.pinned.title || 'Без названия')}</a></h2>` +
    `<p class="tags">${facts.map(escapeHtml).join(' · ')}</p>` +
    (m.pinned.tags?.length ? `<p>${tagList(m.pinned.tags)}</p>` : '') +
    (m.pinned.summary ? `<p>${escapeHtml(m.pinned.summary)}</p>` : '') +
    `<p class="tags">Обновлено <time datetime="${isoDate(m.publishedAt)}">${russianDate(m.publishedAt)}</time></p></li>`
  );
}

function pageLink(view: CatalogueView, page: number, label: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(view.query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return `<a href="${cataloguePath(view.site)}${qs ? `?${escapeHtml(qs)}` : ''}">${label}</a>`;
}

/** The public catalogue of a workspace: a plain GET form, so it works without JavaScript. */
export function renderCataloguePage(view: CatalogueView): string {
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  const nav =
    pages > 1
      ? `<nav class="noprint" aria-label="Страницы">` +
        (view.page > 1 ? pageLink(view, view.page - 1, '← Назад') + ' ' : '') +
        `Страница ${view.page} из ${pages}` +
        (view.page < pages ? ' ' + pageLink(view, view.page + 1, 'Дальше →') : '') +
        `</nav>`
      : '';
  const body =
    `<h1>Материалы</h1>${filterForm(view)}` +
    `<p class="count" role="status">Найдено: ${view.total}</p>` +
    (view.results.length > 0
      ? `<ul class="results">${view.results.map(resultItem).join('')}</ul>`
      : `<p>Ничего не найдено. Попробуйте другое слово или уберите фильтры.</p>`) +
    nav +
    directorySections(view.partners, view.events) +
    `<p class="colophon noprint"><a href="/p/${view.site.slug}/feed.atom">Лента новых материалов (Atom)</a></p>`;
  return shell({
    title: `Материалы — ${view.site.title}`,
    head:
      `<link rel="alternate" type="application/atom+xml" href="/p/${view.site.slug}/feed.atom" title="${escapeHtml(view.site.title)}">` +
      `<meta property="og:type" content="website"><meta property="og:title" content="${escapeHtml(view.site.title)}">` +
      eventsJsonLd(view.events, view.site),
    site: { title: view.site.title, href: cataloguePath(view.site) },
    mainClass: 'wide',
    body
  });
}
