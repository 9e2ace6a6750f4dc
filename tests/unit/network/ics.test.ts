import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarToIcs, icsFileName, type IcsEvent } from '../../../src/lib/shared/calendar/ics.ts';

const base: IcsEvent = {
  id: 'evt1',
  title: 'Мастер-класс',
  category: 'мастер-класс',
  location: '',
  description: '',
  start: '2026-11-26T12:00:00.000Z',
  end: '2026-11-26T14:30:00.000Z',
  allDay: false,
  updatedAt: Date.UTC(2026, 9, 1, 8, 0, 0)
};

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  return { root, events: root.getAllSubcomponents('vevent') };
}

describe('iCalendar output', () => {
  it('PE8 a calendar is one VCALENDAR with a VEVENT per event, UID, DTSTART and DTEND', () => {
    const text = calendarToIcs({
      name: 'Сеть учреждений',
      scope: 'ws1',
      events: [
        base,
        {
          ...base,
          id: 'evt2',
          title: 'Выставка',
          start: '2026-11-24',
          end: '2026-11-30',
          allDay: true
        }
      ]
    });
    const { root, events } = parse(text);
    expect(root.name).toBe('vcalendar');
    expect(root.getFirstPropertyValue('version')).toBe('2.0');
    expect(root.getFirstPropertyValue('prodid')).toMatch(/Uzel/);
    expect(events).toHaveLength(2);

    const timed = new ICAL.Event(events[0]!);
    expect(timed.uid).toBe('evt1@ws1.uzel');
    expect(timed.startDate.toJSDate().toISOString()).toBe('2026-11-26T12:00:00.000Z');
    expect(timed.endDate.toJSDate().toISOString()).toBe('2026-11-26T14:30:00.000Z');
    expect(timed.startDate.zone?.tzid).toBe('UTC');
    expect(events[0]!.getFirstPropertyValue('dtstamp')).toBeTruthy();

    // A whole-day event: dates, with DTEND the day after the last one (RFC 5545 3.6.1).
    const allDay = new ICAL.Event(events[1]!);
    expect(allDay.startDate.isDate).toBe(true);
    expect(allDay.startDate.toString()).toBe('2026-11-24');
    expect(allDay.endDate.toString()).toBe('2026-12-01');
    expect(text).toContain('DTSTART;VALUE=DATE:20261124');
    // Every line ends in CRLF.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('PE9 commas, semicolons, backslashes and new lines are escaped and read back', () => {
    const title = 'Круглый стол: «Традиции; ремёсла, промыслы» \\ итоги';
    const description = 'Первая строка,\nвторая; строка';
    const text = calendarToIcs({
      name: 'x',
      scope: 'ws1',
      events: [{ ...base, title, description, location: 'Библиотека, зал 2; вход со двора' }]
    });
    expect(text).toContain('\\;');
    expect(text).toContain('\\,');
    expect(text).toContain('\\n');
    const event = new ICAL.Event(parse(text).events[0]!);
    expect(event.summary).toBe(title);
    expect(event.description).toBe(description);
    expect(event.location).toBe('Библиотека, зал 2; вход со двора');
  });

  it('PE9 long Cyrillic lines fold at 75 octets without splitting a character', () => {
    const description = 'Педагоги центра «Юность» и сотрудники музея проводят занятие. '.repeat(8);
    const text = calendarToIcs({ name: 'x', scope: 'ws1', events: [{ ...base, description }] });
    const lines = text.split('\r\n');
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // No replacement characters: a fold never cut a two-byte letter in half.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    const event = new ICAL.Event(parse(text).events[0]!);
    expect(event.description).toBe(description);
  });

  it('PE8 an event with broken dates is left out, not the whole calendar', () => {
    const text = calendarToIcs({
      name: 'x',
      scope: 'ws1',
      events: [base, { ...base, id: 'bad', start: 'когда-нибудь', end: '' }]
    });
    expect(parse(text).events).toHaveLength(1);
  });

  it('PE8 download file names keep letters and digits only', () => {
    expect(icsFileName('Мастер-класс «Глиняная игрушка» 2026')).toBe(
      'мастер-класс-глиняная-игрушка-2026.ics'
    );
    expect(icsFileName('«»')).toBe('calendar.ics');
  });
});
