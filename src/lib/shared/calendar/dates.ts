// One module per function: the server loads these as they are, and date-fns' index (every
// function and locale) costs a Node process about 20 MB more.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { eachDayOfInterval } from 'date-fns/eachDayOfInterval';
import { endOfDay } from 'date-fns/endOfDay';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfWeek } from 'date-fns/endOfWeek';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfWeek } from 'date-fns/startOfWeek';
import { enGB } from 'date-fns/locale/en-GB';
import { ru } from 'date-fns/locale/ru';
import type { Locale as DateLocale } from 'date-fns';
import type { Locale } from '../i18n/translate.ts';

/**
 * Calendar arithmetic in the person's own time zone. Weeks start on Monday in both languages
 * (Russian custom, and the British English locale agrees), so the grid never changes shape when
 * the interface language does.
 */
const WEEK = { weekStartsOn: 1 } as const;
const LOCALES: Record<Locale, DateLocale> = { ru, en: enGB };

/** A calendar day as stored: `YYYY-MM-DD`, no time zone. */
export type DateKey = string;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

export function toDateKey(date: Date): DateKey {
  return format(date, 'yyyy-MM-dd');
}

/** The local midnight of a `YYYY-MM-DD` key, or null when it is not a real date. */
export function parseDateKey(key: string): Date | null {
  if (!DATE_KEY.test(key)) return null;
  const date = parse(key, 'yyyy-MM-dd', new Date(0));
  return isValid(date) && toDateKey(date) === key ? date : null;
}

/** The weeks (Monday first) covering a month: 4 to 6 rows of 7 days, edges from neighbours. */
export function monthGrid(month: Date): Date[][] {
  const days = eachDayOfInterval({
    start: startOfWeek(startOfMonth(month), WEEK),
    end: endOfWeek(endOfMonth(month), WEEK)
  });
  const weeks: Date[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}

/** Monday to Sunday of the week holding `day`. */
export function weekDays(day: Date): Date[] {
  return eachDayOfInterval({ start: startOfWeek(day, WEEK), end: endOfWeek(day, WEEK) });
}

export function shiftMonth(date: Date, by: number): Date {
  return startOfMonth(addMonths(date, by));
}

export function shiftWeek(date: Date, by: number): Date {
  return startOfWeek(addWeeks(date, by), WEEK);
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** «Ноябрь 2026»: the nominative (stand-alone) month name a header needs. */
export function monthTitle(date: Date, locale: Locale): string {
  return capitalise(format(date, 'LLLL yyyy', { locale: LOCALES[locale] }));
}

/** «26 ноября»: the genitive month name a date needs. */
export function dayMonth(date: Date, locale: Locale): string {
  return format(date, 'd MMMM', { locale: LOCALES[locale] });
}

/** «26 ноября 2026». */
export function fullDate(date: Date, locale: Locale): string {
  return format(date, 'd MMMM yyyy', { locale: LOCALES[locale] });
}

/** «четверг, 26 ноября». */
export function weekdayDate(date: Date, locale: Locale): string {
  return format(date, 'EEEE, d MMMM', { locale: LOCALES[locale] });
}

/** «23–29 ноября 2026», or «30 ноября – 6 декабря 2026» across months. */
export function weekTitle(day: Date, locale: Locale): string {
  const [first, last] = [startOfWeek(day, WEEK), endOfWeek(day, WEEK)];
  const loc = { locale: LOCALES[locale] };
  if (first.getFullYear() !== last.getFullYear()) {
    return `${format(first, 'd MMMM yyyy', loc)} – ${format(last, 'd MMMM yyyy', loc)}`;
  }
  if (first.getMonth() !== last.getMonth()) {
    return `${format(first, 'd MMMM', loc)} – ${format(last, 'd MMMM yyyy', loc)}`;
  }
  return `${format(first, 'd', loc)}–${format(last, 'd MMMM yyyy', loc)}`;
}

/** Short weekday names, Monday first: «пн» … «вс». */
export function weekdayNames(locale: Locale): string[] {
  return weekDays(new Date(2026, 0, 5)).map((d) =>
    format(d, 'EEEEEE', { locale: LOCALES[locale] })
  );
}

/** Full weekday names, Monday first, for screen readers. */
export function weekdayLongNames(locale: Locale): string[] {
  return weekDays(new Date(2026, 0, 5)).map((d) => format(d, 'EEEE', { locale: LOCALES[locale] }));
}

/** «15:30». */
export function timeOfDay(date: Date): string {
  return format(date, 'HH:mm');
}

/** «нояб.», a month on a narrow timeline axis. */
export function shortMonth(date: Date, locale: Locale): string {
  return format(date, 'LLL', { locale: LOCALES[locale] });
}

/** When something happens: a whole day (dates inclusive) or a moment range (ISO instants). */
export type Span = { start: string; end: string; allDay: boolean };

/** The local interval a span covers; null when its dates do not parse or run backwards. */
export function spanInterval(span: Span): { start: Date; end: Date } | null {
  let start: Date | null;
  let end: Date | null;
  if (span.allDay) {
    start = parseDateKey(span.start);
    const last = parseDateKey(span.end || span.start);
    end = last ? endOfDay(last) : null;
  } else {
    start = new Date(span.start);
    end = new Date(span.end || span.start);
    if (!isValid(start) || !isValid(end)) return null;
  }
  if (!start || !end || end < start) return null;
  return { start, end };
}

/** Whether a span touches the local day `day`. */
export function spanTouchesDay(span: Span, day: Date): boolean {
  const interval = spanInterval(span);
  if (!interval) return false;
  const from = startOfDay(day);
  return interval.start < addDays(from, 1) && interval.end >= from;
}
