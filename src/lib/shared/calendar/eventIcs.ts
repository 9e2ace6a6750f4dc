import type * as Y from 'yjs';
import { translate, type Locale, type MessageKey } from '../i18n/translate.ts';
import { CalendarEvents, type CalendarEvent } from '../model/network/events.ts';
import { Institutions } from '../model/network/institutions.ts';
import { calendarToIcs, type IcsEvent } from './ics.ts';

export type IcsOptions = {
  /** The calendar's name in the subscriber's app. */
  name: string;
  /** The workspace id: makes UIDs unique across workspaces. */
  workspaceId: string;
  locale: Locale;
  /** The app's origin, for each event's URL; omitted when unknown. */
  origin?: string;
};

/** Calendar events of a workspace index as iCalendar text (all of them, or the given ones). */
export function workspaceEventsToIcs(
  doc: Y.Doc,
  options: IcsOptions,
  only?: readonly CalendarEvent[]
): string {
  const institutions = new Institutions(doc);
  const nameOf = (id: string) => institutions.get(id)?.name ?? '';
  const t = (key: MessageKey) => translate(options.locale, key);
  const events = only ?? new CalendarEvents(doc).sorted();
  return calendarToIcs({
    name: options.name,
    scope: options.workspaceId,
    events: events.map((event): IcsEvent => {
      const venue = institutions.get(event.venueId);
      const lines = [event.description];
      const people = (key: MessageKey, ids: string[]) => {
        const names = ids.map(nameOf).filter(Boolean);
        if (names.length > 0) lines.push(`${t(key)}: ${names.join(', ')}`);
      };
      people('event.field.organisers', event.organisers);
      people('event.field.partners', event.partners);
      if (event.audience) lines.push(`${t('event.field.audience')}: ${event.audience}`);
      return {
        id: event.id,
        title: event.title,
        category: t(`event.kind.${event.kind}` as MessageKey),
        start: event.start,
        end: event.end,
        allDay: event.allDay,
        location: venue ? [venue.name, venue.address].filter(Boolean).join(', ') : '',
        description: lines.filter(Boolean).join('\n'),
        updatedAt: event.updatedAt,
        url: options.origin ? `${options.origin}/calendar/event?id=${event.id}` : undefined
      };
    })
  });
}
