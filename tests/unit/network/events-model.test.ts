import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../src/lib/shared/i18n/translate.ts';
import {
  CalendarEvents,
  EVENT_KINDS,
  Institutions,
  referencesTo,
  removeInstitution,
  type EventValues
} from '../../../src/lib/shared/model/network/index.ts';
import { institution, replicas } from './fixtures.ts';

function setup() {
  const doc = new Y.Doc();
  const institutions = new Institutions(doc);
  const venue = institutions.create(institution({ name: 'Библиотека им. Пушкина' }));
  const partner = institutions.create(institution({ name: 'Краеведческий музей' }));
  if (!venue.ok || !partner.ok) throw new Error('fixture');
  return { doc, events: new CalendarEvents(doc), venueId: venue.id, partnerId: partner.id };
}

function event(patch: Partial<EventValues> = {}): EventValues {
  return {
    ...new CalendarEvents(new Y.Doc()).blank(),
    title: 'Мастер-класс «Глиняная игрушка»',
    kind: 'masterClass',
    start: '2026-11-26T12:00:00.000Z',
    end: '2026-11-26T14:00:00.000Z',
    ...patch
  };
}

const ru = (key: string) => translate('ru', key as MessageKey);

describe('events model', () => {
  it('PE1 an event is stored with its fields and read back', () => {
    const { events, venueId, partnerId } = setup();
    const created = events.create(
      event({ venueId, partners: [partnerId], organisers: [venueId], audience: 'учащиеся 5–7 кл.' })
    );
    expect(created.ok).toBe(true);
    const stored = events.get((created as { id: string }).id)!;
    expect(stored).toMatchObject({
      title: 'Мастер-класс «Глиняная игрушка»',
      kind: 'masterClass',
      allDay: false,
      venueId,
      partners: [partnerId],
      organisers: [venueId],
      audience: 'учащиеся 5–7 кл.'
    });
  });

  it('PE1 every kind from the seed has a Russian label', () => {
    expect(EVENT_KINDS.map((k) => ru(`event.kind.${k}`))).toEqual([
      'мастер-класс',
      'выставка',
      'творческий вечер',
      'круглый стол',
      'семинар',
      'концерт',
      'конкурс',
      'встреча',
      'день партнёрского взаимодействия',
      'театрализованное представление'
    ]);
  });

  it('PE2 invalid events are refused with a Russian message per field', () => {
    const { events } = setup();
    const bad = events.create(
      event({ title: '  ', start: '2026-11-26T12:00:00.000Z', end: '2026-11-25T12:00:00.000Z' })
    );
    expect(bad.ok).toBe(false);
    const errors = (bad as { errors: Record<string, string> }).errors;
    expect(ru(errors.title!)).toBe('Укажите название события');
    expect(ru(errors.end!)).toBe('Окончание не может быть раньше начала');

    const noStart = events.validate(event({ start: '26.11.2026' }));
    expect(ru(noStart.start!)).toBe('Укажите дату и время начала');
    // A whole-day event takes dates, not instants.
    expect(events.validate(event({ allDay: true, start: '2026-11-26', end: '' }))).toEqual({});
    expect(events.validate(event({ allDay: true })).start).toBe('event.error.start');
    const unknown = events.validate(event({ venueId: 'NoSuchInstitution1' }));
    expect(ru(unknown.venueId!)).toBe('Такого учреждения нет в справочнике');
    expect(events.all()).toHaveLength(0);
  });

  it('PE3 two people editing different fields of one event at once both keep their change', () => {
    const { a, b, disconnect, connect } = replicas();
    const venue = new Institutions(a).create(institution());
    const created = new CalendarEvents(a).create(event());
    if (!created.ok || !venue.ok) throw new Error('fixture');
    disconnect();
    new CalendarEvents(a).update(created.id, { title: 'Выставка «Осенние мотивы»' });
    new CalendarEvents(b).update(created.id, { venueId: venue.id });
    connect();
    for (const doc of [a, b]) {
      expect(new CalendarEvents(doc).get(created.id)).toMatchObject({
        title: 'Выставка «Осенние мотивы»',
        venueId: venue.id
      });
    }
  });

  it('PE4 an institution an event names cannot be deleted', () => {
    const { doc, events, venueId, partnerId } = setup();
    const created = events.create(event({ venueId }));
    if (!created.ok) throw new Error('fixture');
    expect(referencesTo(doc, venueId).map((r) => r.href)).toEqual([
      `/calendar/event?id=${created.id}`
    ]);
    expect(removeInstitution(new Institutions(doc), venueId).ok).toBe(false);
    expect(removeInstitution(new Institutions(doc), partnerId).ok).toBe(true);
  });

  it('PE6 events come in start order and by the days they touch', () => {
    const { events } = setup();
    events.create(event({ title: 'Б', start: '2026-11-27T09:00:00.000Z', end: '' }));
    events.create(event({ title: 'А', allDay: true, start: '2026-11-20', end: '2026-11-30' }));
    events.create(event({ title: 'В', start: '2026-12-02T09:00:00.000Z', end: '' }));
    expect(events.sorted().map((e) => e.title)).toEqual(['А', 'Б', 'В']);
    const week = events.between(new Date(2026, 10, 23), new Date(2026, 10, 30));
    expect(week.map((e) => e.title)).toEqual(['А', 'Б']);
  });
});
