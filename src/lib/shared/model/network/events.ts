import type * as Y from 'yjs';
import { spanInterval, toDateKey } from '../../calendar/dates.ts';
import { isValidId } from '../ids.ts';
import { indexRoots } from '../schema.ts';
import {
  flag,
  list,
  maxLength,
  minLength,
  must,
  oneOf,
  text,
  trimmed,
  validateFields
} from './checks.ts';
import type { NetworkItem } from './cooperation.ts';
import type { ValuesOf } from './fields.ts';
import { Institutions } from './institutions.ts';
import { RecordStore, type FieldErrors, type RecordKind, type StoredRecord } from './records.ts';

/** Kinds of event from the network's plans; labels are `event.kind.<id>` in the catalogue. */
export const EVENT_KINDS = [
  'masterClass',
  'exhibition',
  'creativeEvening',
  'roundTable',
  'seminar',
  'concert',
  'competition',
  'meeting',
  'partnershipDay',
  'theatre'
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_LIMITS = { title: 200, audience: 300, description: 4000, time: 40 } as const;

const fields = {
  title: { kind: 'text', max: EVENT_LIMITS.title },
  kind: { kind: 'choice', values: EVENT_KINDS, fallback: 'meeting' },
  /** A whole-day event stores dates (`YYYY-MM-DD`, end inclusive); otherwise ISO instants. */
  allDay: { kind: 'flag' },
  start: { kind: 'text', max: EVENT_LIMITS.time },
  /** '' means "ends when it starts" (a one-day event, a moment). */
  end: { kind: 'text', max: EVENT_LIMITS.time },
  /** The hosting institution's id, or ''. */
  venueId: { kind: 'text', max: 64 },
  organisers: { kind: 'set' },
  partners: { kind: 'set' },
  audience: { kind: 'text', max: EVENT_LIMITS.audience },
  description: { kind: 'text', max: EVENT_LIMITS.description },
  /** Documents of the workspace: methodology, scripts, photos. */
  materialIds: { kind: 'set' },
  /** The report document about the event, or ''. */
  reportId: { kind: 'text', max: 64 },
  /** Opt-in: listed in the public catalogue's calendar (title, kind, dates, a public venue). */
  public: { kind: 'flag' }
} as const;

export type EventFields = typeof fields;
export type EventValues = ValuesOf<EventFields>;
export type CalendarEvent = StoredRecord<EventFields>;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const optionalId = (message: string) => text(must((v) => v === '' || isValidId(v), message));
const ids = (message: string) => list(text(must(isValidId, message)));

function validate(values: EventValues): FieldErrors {
  return validateFields(
    values,
    {
      title: trimmed(
        minLength(1, 'event.error.titleRequired'),
        maxLength(EVENT_LIMITS.title, 'event.error.titleTooLong')
      ),
      kind: oneOf(EVENT_KINDS, 'event.error.kind'),
      allDay: flag(),
      start: text(),
      end: text(),
      venueId: optionalId('event.error.institution'),
      organisers: ids('event.error.institution'),
      partners: ids('event.error.institution'),
      audience: text(maxLength(EVENT_LIMITS.audience, 'event.error.tooLong')),
      description: text(maxLength(EVENT_LIMITS.description, 'event.error.tooLong')),
      materialIds: ids('event.error.document'),
      reportId: optionalId('event.error.document'),
      public: flag()
    },
    (value) => {
      const form = value.allDay ? DAY : INSTANT;
      if (!form.test(value.start) || !spanInterval({ ...value, end: '' }))
        return [{ field: 'start', message: 'event.error.start' }];
      if (value.end !== '' && (!form.test(value.end) || !spanInterval(value)))
        return [{ field: 'end', message: 'event.error.endBeforeStart' }];
      return [];
    }
  );
}

/** Every institution an event names must be in the directory (a picker offers only those). */
function check(values: EventValues, doc: Y.Doc): FieldErrors {
  const institutions = new Institutions(doc);
  const known = (id: string) => institutions.get(id) !== null;
  const errors: FieldErrors = {};
  if (values.venueId && !known(values.venueId)) errors.venueId = 'event.error.unknownInstitution';
  for (const key of ['organisers', 'partners'] as const) {
    if (!values[key].every(known)) errors[key] = 'event.error.unknownInstitution';
  }
  return errors;
}

export const eventKind: RecordKind<EventFields> = {
  root: indexRoots.events,
  fields,
  validate,
  check
};

/** Institutions an event involves: the venue, organisers and partners, each once. */
export function eventInstitutions(event: EventValues): string[] {
  return [...new Set([event.venueId, ...event.organisers, ...event.partners].filter(Boolean))];
}

/** The local calendar days an event starts and ends on (`YYYY-MM-DD`), or null if broken. */
export function eventDays(event: EventValues): { first: string; last: string } | null {
  const interval = spanInterval(event);
  return interval ? { first: toDateKey(interval.start), last: toDateKey(interval.end) } : null;
}

export class CalendarEvents extends RecordStore<EventFields> {
  constructor(doc: Y.Doc) {
    super(doc, eventKind);
  }

  /** Events in start order (ties by title); events with unreadable dates last. */
  sorted(): CalendarEvent[] {
    const at = (e: CalendarEvent) => spanInterval(e)?.start.getTime() ?? Number.MAX_SAFE_INTEGER;
    return this.all().sort((a, b) => at(a) - at(b) || a.title.localeCompare(b.title, 'ru'));
  }

  /** Events touching the local interval [from, to). */
  between(from: Date, to: Date): CalendarEvent[] {
    return this.sorted().filter((e) => {
      const interval = spanInterval(e);
      return interval !== null && interval.start < to && interval.end >= from;
    });
  }
}

/** What ties institutions together, for the map, the report and deletion checks. */
export const eventItems = (doc: Y.Doc): NetworkItem[] =>
  new CalendarEvents(doc).all().map((event) => {
    const days = eventDays(event);
    return {
      kind: 'event',
      id: event.id,
      title: event.title,
      institutionIds: eventInstitutions(event),
      start: days?.first ?? '',
      end: days?.last ?? '',
      href: `/calendar/event?id=${event.id}`,
      category: event.kind
    };
  });
