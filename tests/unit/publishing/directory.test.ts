import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CalendarEvents, Institutions } from '../../../src/lib/shared/model/network/index.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { PublishingServer } from './publishingServer.ts';

const defer = deferCleanup();
const SITE = '/p/set-uchrezhdeniy-belgoroda';
const DAY = 86_400_000;

const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

/** Every `<script type="application/ld+json">` block of a page, parsed. */
function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>
  );
}

/** A workspace with one published material (so its catalogue exists) and a partner network. */
async function networkSite() {
  const site = await PublishingServer.start(defer);
  const { owner, workspaceId } = await site.workspace();
  await site.setMeta(owner, workspaceId, 'shown', {
    title: 'Открытый материал',
    type: 'methodology'
  });
  await site.api(owner, workspaceId).publish('shown');
  await site.write(owner, workspaceId, 'index', (doc) => {
    const institutions = new Institutions(doc);
    const events = new CalendarEvents(doc);
    const institution = (name: string, shown: boolean, id: string) => {
      const result = institutions.create(
        {
          ...institutions.blank(),
          name,
          kind: 'library',
          address: `${name}, ул. Попова, 1`,
          contacts: 'КОНТАКТЫ-СЕКРЕТ +7 900 111-22-33',
          notes: 'ЗАМЕТКИ-СЕКРЕТ о договоре',
          website: 'https://biblio.example.ru',
          public: shown
        },
        Date.now(),
        id
      );
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
    };
    institution('Библиотека имени Пушкина', true, 'inst-public');
    institution('СКРЫТОЕ-УЧРЕЖДЕНИЕ', false, 'inst-private');
    const event = (title: string, shown: boolean, start: string, end: string, venueId: string) => {
      const result = events.create({
        ...events.blank(),
        title,
        kind: 'masterClass',
        start,
        end,
        venueId,
        organisers: [venueId],
        public: shown
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
    };
    event('Мастер-класс «Дымковская игрушка»', true, iso(10), iso(10.1), 'inst-public');
    event('Праздник в СКРЫТОЕ-МЕСТО', true, iso(12), iso(12.1), 'inst-private');
    event('СКРЫТОЕ-СОБЫТИЕ', false, iso(11), iso(11.1), 'inst-public');
    event('ПРОШЕДШЕЕ-СОБЫТИЕ', true, iso(-10), iso(-9.9), 'inst-public');
  });
  return site;
}

async function outputs(site: PublishingServer): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const path of [
    `${SITE}/`,
    `${SITE}/feed.atom`,
    `${SITE}/sitemap.xml`,
    `${SITE}/embed?n=20`,
    '/sitemap.xml'
  ]) {
    out.push([path, (await site.fetch(path)).text]);
  }
  return out;
}

describe('the public partner list and calendar', () => {
  it('PB16 private institutions and events, past events, contacts and notes never reach HTML, feed, sitemap or JSON-LD', async () => {
    const site = await networkSite();
    const all = await outputs(site);
    const catalogue = all[0]![1];
    expect(catalogue).toContain('Партнёры сети');
    expect(catalogue).toContain('Библиотека имени Пушкина');
    expect(catalogue).toContain('ул. Попова');
    expect(catalogue).toContain('href="https://biblio.example.ru"');
    for (const [where, text] of all) {
      for (const secret of [
        'СКРЫТОЕ-УЧРЕЖДЕНИЕ',
        'СКРЫТОЕ-СОБЫТИЕ',
        'ПРОШЕДШЕЕ-СОБЫТИЕ',
        'КОНТАКТЫ-СЕКРЕТ',
        '+7 900',
        'ЗАМЕТКИ-СЕКРЕТ',
        'inst-private',
        'inst-public'
      ]) {
        expect(text, `${secret} in ${where}`).not.toContain(secret);
      }
    }
    for (const block of jsonLd(catalogue)) {
      expect(JSON.stringify(block)).not.toMatch(/СКРЫТОЕ-(УЧРЕЖДЕНИЕ|СОБЫТИЕ)|ПРОШЕДШЕЕ|СЕКРЕТ/);
    }
  });

  it('PB17 an upcoming public event is listed with valid schema.org Event JSON-LD; a private venue is left out', async () => {
    const site = await networkSite();
    const page = await site.fetch(`${SITE}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ближайшие события');
    expect(page.text).toContain('Мастер-класс «Дымковская игрушка»');
    // Soonest first.
    expect(page.text.indexOf('Дымковская')).toBeLessThan(page.text.indexOf('Праздник в'));
    const events = jsonLd(page.text).filter((b) => b['@type'] === 'Event');
    expect(events).toHaveLength(2);
    const [first, second] = events;
    expect(first).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Мастер-класс «Дымковская игрушка»',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Библиотека имени Пушкина' },
      organizer: [{ '@type': 'Organization', name: 'Библиотека имени Пушкина' }]
    });
    expect(Date.parse(first!.startDate as string)).toBeGreaterThan(Date.now());
    expect(Date.parse(first!.endDate as string)).toBeGreaterThan(
      Date.parse(first!.startDate as string)
    );
    // The venue is private: no location, and the site itself stands as the organiser.
    expect(second).not.toHaveProperty('location');
    expect(second!.organizer).toEqual({
      '@type': 'Organization',
      name: 'Сеть учреждений Белгорода'
    });
  });

  it('PB18 the public flag is off by default and set field by field, keeping a concurrent edit', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const institutions = new Institutions(a);
    expect(institutions.blank().public).toBe(false);
    expect(new CalendarEvents(a).blank().public).toBe(false);
    const created = institutions.create({ ...institutions.blank(), name: 'Музей', kind: 'museum' });
    if (!created.ok) throw new Error('not created');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(institutions.get(created.id)!.public).toBe(false);
    institutions.update(created.id, { public: true });
    new Institutions(b).update(created.id, { notes: 'Договор до 2027 года' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      expect(new Institutions(doc).get(created.id)).toMatchObject({
        public: true,
        notes: 'Договор до 2027 года'
      });
    }
  });
});
