import type { PublicEvent, PublicInstitution } from '../directory.ts';
import type { Site } from '../types.ts';
import { escapeHtml, jsonForScript } from './escape.ts';

const DAY = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC'
});
const TIME = new Intl.DateTimeFormat('ru-RU', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Moscow'
});
const MOSCOW_DAY = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Moscow'
});

/** «1 декабря 2026 г.» for a whole-day event (its stored date), else «… г., 15:00» in Moscow. */
export function eventWhen(e: PublicEvent): string {
  if (e.allDay) {
    const [y, m, d] = e.start.split('-').map(Number);
    return DAY.format(Date.UTC(y!, m! - 1, d!));
  }
  return `${MOSCOW_DAY.format(e.startsAt)}, ${TIME.format(e.startsAt)}`;
}

function eventItem(e: PublicEvent): string {
  const facts = [e.kind, e.venue ?? ''].filter(Boolean).map(escapeHtml).join(' · ');
  return (
    `<li><p class="tags"><time datetime="${escapeHtml(e.start)}">${escapeHtml(eventWhen(e))}</time></p>` +
    `<h3>${escapeHtml(e.title)}</h3>` +
    (facts ? `<p class="tags">${facts}</p>` : '') +
    `</li>`
  );
}

function partnerItem(p: PublicInstitution): string {
  const name = p.website
    ? `<a href="${escapeHtml(p.website)}" rel="noopener nofollow">${escapeHtml(p.name)}</a>`
    : escapeHtml(p.name);
  return (
    `<li><h3>${name}</h3><p class="tags">${escapeHtml(p.kind)}</p>` +
    (p.address ? `<p>${escapeHtml(p.address)}</p>` : '') +
    `</li>`
  );
}

/** The partner network's sections; each is left out while it has nothing to show. */
export function directorySections(partners: PublicInstitution[], events: PublicEvent[]): string {
  let html = '';
  if (events.length > 0) {
    html +=
      `<section aria-labelledby="events-title"><h2 id="events-title">Ближайшие события</h2>` +
      `<ul class="results">${events.map(eventItem).join('')}</ul></section>`;
  }
  if (partners.length > 0) {
    html +=
      `<section aria-labelledby="partners-title"><h2 id="partners-title">Партнёры сети</h2>` +
      `<ul class="results">${partners.map(partnerItem).join('')}</ul></section>`;
  }
  return html;
}

/** A schema.org `Event` for search engines and event aggregators; public fields only. */
export function eventJsonLd(e: PublicEvent, site: Site): Record<string, unknown> {
  const out: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: e.title,
    startDate: e.start,
    endDate: e.end || e.start,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    inLanguage: 'ru',
    organizer:
      e.organisers.length > 0
        ? e.organisers.map((name) => ({ '@type': 'Organization', name }))
        : { '@type': 'Organization', name: site.title }
  };
  if (e.venue) out.location = { '@type': 'Place', name: e.venue };
  return out;
}

/** One `<script type="application/ld+json">` per public event, for the page's head. */
export function eventsJsonLd(events: PublicEvent[], site: Site): string {
  return events
    .map(
      (e) => `<script type="application/ld+json">${jsonForScript(eventJsonLd(e, site))}</script>`
    )
    .join('');
}
