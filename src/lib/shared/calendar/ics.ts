// One module per function (see dates.ts).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { parseDateKey, spanInterval, type Span } from './dates.ts';

/**
 * iCalendar (RFC 5545) output, shared by the browser (download one event or the calendar) and the
 * server (the subscription feed). ical-generator escapes text values and folds lines at 75 octets
 * without splitting a UTF-8 character, which matters for Cyrillic.
 */
export type IcsEvent = Span & {
  /** The event's record id; made globally unique with the workspace id. */
  id: string;
  title: string;
  /** Shown as CATEGORIES, e.g. «мастер-класс». */
  category: string;
  location: string;
  description: string;
  /** When the record last changed (ms), as DTSTAMP / LAST-MODIFIED. */
  updatedAt: number;
  /** The event's page in the app, when known. */
  url?: string;
};

export type IcsCalendar = {
  name: string;
  /** Makes UIDs unique across workspaces: `<event id>@<scope>.uzel`. */
  scope: string;
  events: IcsEvent[];
};

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** Calendar apps poll feeds; an hour is a fair refresh for a plan of events. */
const REFRESH_SECONDS = 3600;

export function calendarToIcs({ name, scope, events }: IcsCalendar): string {
  const calendar = ical({
    name,
    prodId: { company: 'Uzel', product: 'Calendar', language: 'RU' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS
  });
  for (const event of events) {
    const times = icsTimes(event);
    // An event whose dates do not parse has no place in a calendar app; skip it, not the feed.
    if (!times) continue;
    const stamp = new Date(event.updatedAt);
    calendar.createEvent({
      id: `${event.id}@${scope}.uzel`,
      ...times,
      summary: event.title,
      description: event.description || null,
      location: event.location || null,
      categories: event.category ? [{ name: event.category }] : [],
      url: event.url ?? null,
      stamp,
      lastModified: stamp
    });
  }
  return calendar.toString();
}

/** DTSTART/DTEND: dates for a whole-day event (DTEND is exclusive there), UTC instants otherwise. */
function icsTimes(event: Span): { start: string; end: string; allDay: boolean } | null {
  if (!spanInterval(event)) return null;
  if (!event.allDay) {
    return {
      start: new Date(event.start).toISOString(),
      end: new Date(event.end || event.start).toISOString(),
      allDay: false
    };
  }
  const last = parseDateKey(event.end || event.start)!;
  // ical-generator reads a date-only string as UTC midnight, which keeps the calendar date.
  return { start: event.start, end: format(addDays(last, 1), 'yyyy-MM-dd'), allDay: true };
}

/** A file name for a download: letters, digits and dashes only. */
export function icsFileName(title: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'calendar'}.ics`;
}
