import { describe, expect, it } from 'vitest';
import {
  dayMonth,
  monthGrid,
  monthTitle,
  parseDateKey,
  shiftMonth,
  shiftWeek,
  spanInterval,
  spanTouchesDay,
  toDateKey,
  weekDays,
  weekTitle,
  weekdayNames
} from '../../../src/lib/shared/calendar/dates.ts';

const keys = (days: Date[]) => days.map(toDateKey);

describe('calendar maths', () => {
  it('PE6 weeks start on Monday in both languages', () => {
    // 26 November 2026 is a Thursday.
    expect(keys(weekDays(new Date(2026, 10, 26)))).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29'
    ]);
    // A Sunday belongs to the week that began the Monday before.
    expect(toDateKey(weekDays(new Date(2026, 10, 29))[0]!)).toBe('2026-11-23');
    expect(weekdayNames('ru')).toEqual(['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс']);
    expect(weekdayNames('en')[0]).toBe('Mo');
  });

  it('PE6 the month grid covers the month in whole Monday-first weeks', () => {
    const november = monthGrid(new Date(2026, 10, 1));
    // 1 November 2026 is a Sunday: the first row starts on Monday 26 October.
    expect(toDateKey(november[0]![0]!)).toBe('2026-10-26');
    expect(toDateKey(november[0]![6]!)).toBe('2026-11-01');
    expect(toDateKey(november.at(-1)![6]!)).toBe('2026-12-06');
    expect(november).toHaveLength(6);
    for (const week of november) {
      expect(week).toHaveLength(7);
      expect(week[0]!.getDay()).toBe(1);
    }
    // February 2027 starts on a Monday and has 28 days: exactly four rows.
    const february = monthGrid(new Date(2027, 1, 10));
    expect(february).toHaveLength(4);
    expect(toDateKey(february[0]![0]!)).toBe('2027-02-01');
  });

  it('PE7 Russian month names: nominative in headers, genitive in dates', () => {
    expect(monthTitle(new Date(2026, 10, 5), 'ru')).toBe('Ноябрь 2026');
    expect(monthTitle(new Date(2026, 4, 5), 'ru')).toBe('Май 2026');
    expect(dayMonth(new Date(2026, 10, 26), 'ru')).toBe('26 ноября');
    expect(dayMonth(new Date(2026, 4, 1), 'ru')).toBe('1 мая');
    expect(weekTitle(new Date(2026, 10, 26), 'ru')).toBe('23–29 ноября 2026');
    expect(weekTitle(new Date(2026, 11, 1), 'ru')).toBe('30 ноября – 6 декабря 2026');
    expect(weekTitle(new Date(2026, 11, 30), 'ru')).toBe('28 декабря 2026 – 3 января 2027');
    expect(monthTitle(new Date(2026, 10, 5), 'en')).toBe('November 2026');
  });

  it('PE6 moving by months and weeks lands on the month start and on Monday', () => {
    expect(toDateKey(shiftMonth(new Date(2026, 0, 31), 1))).toBe('2026-02-01');
    expect(toDateKey(shiftMonth(new Date(2026, 0, 15), -1))).toBe('2025-12-01');
    expect(toDateKey(shiftWeek(new Date(2026, 10, 26), 1))).toBe('2026-11-30');
  });

  it('PE1 date keys only accept real calendar days', () => {
    expect(parseDateKey('2026-02-30')).toBeNull();
    expect(parseDateKey('26.11.2026')).toBeNull();
    expect(toDateKey(parseDateKey('2026-11-26')!)).toBe('2026-11-26');
  });

  it('PE6 a span touches each day it covers, whole-day ends inclusive', () => {
    const exhibition = { start: '2026-11-24', end: '2026-11-26', allDay: true };
    expect(spanTouchesDay(exhibition, new Date(2026, 10, 23))).toBe(false);
    expect(spanTouchesDay(exhibition, new Date(2026, 10, 24))).toBe(true);
    expect(spanTouchesDay(exhibition, new Date(2026, 10, 26))).toBe(true);
    expect(spanTouchesDay(exhibition, new Date(2026, 10, 27))).toBe(false);
    const start = new Date(2026, 10, 26, 15, 0);
    const evening = {
      start: start.toISOString(),
      end: new Date(2026, 10, 26, 17, 0).toISOString(),
      allDay: false
    };
    expect(spanTouchesDay(evening, new Date(2026, 10, 26))).toBe(true);
    expect(spanTouchesDay(evening, new Date(2026, 10, 27))).toBe(false);
    expect(spanInterval({ start: '2026-11-26', end: '2026-11-25', allDay: true })).toBeNull();
  });
});
