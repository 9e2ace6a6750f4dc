import {
  dayMonth,
  spanInterval,
  timeOfDay,
  toDateKey,
  type Span
} from '../../shared/calendar/dates.ts';
import type { Locale } from '../../shared/i18n/translate.ts';

/** When an event happens, as a line: «26 ноября, 15:00–17:00», «24–30 ноября», «26 ноября». */
export function eventWhen(span: Span, locale: Locale, allDayWord: string): string {
  const interval = spanInterval(span);
  if (!interval) return '';
  const { start, end } = interval;
  const sameDay = toDateKey(start) === toDateKey(end);
  if (span.allDay) {
    if (sameDay) return `${dayMonth(start, locale)}, ${allDayWord}`;
    return `${dayMonth(start, locale)} – ${dayMonth(end, locale)}`;
  }
  if (sameDay) {
    const to = end.getTime() === start.getTime() ? '' : `–${timeOfDay(end)}`;
    return `${dayMonth(start, locale)}, ${timeOfDay(start)}${to}`;
  }
  return `${dayMonth(start, locale)}, ${timeOfDay(start)} – ${dayMonth(end, locale)}, ${timeOfDay(end)}`;
}

/** «15:00» for a timed event starting that day; '' for whole-day ones or later days. */
export function startTimeOn(span: Span, day: Date): string {
  const interval = spanInterval(span);
  if (!interval || span.allDay || toDateKey(interval.start) !== toDateKey(day)) return '';
  return timeOfDay(interval.start);
}
