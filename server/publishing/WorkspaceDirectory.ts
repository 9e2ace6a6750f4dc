import type * as Y from 'yjs';
import { spanInterval } from '../../src/lib/shared/calendar/dates.ts';
import { ru as partnersRu } from '../../src/lib/shared/i18n/features/partners.ts';
import { ru as projectsRu } from '../../src/lib/shared/i18n/features/projects.ts';
import { INDEX_DOC_ID, roomName } from '../../src/lib/shared/model/schema.ts';
import { CalendarEvents, type CalendarEvent } from '../../src/lib/shared/model/network/events.ts';
import {
  Institutions,
  isWebsite,
  type Institution
} from '../../src/lib/shared/model/network/institutions.ts';
import type { RoomRegistry } from '../relay/RoomRegistry.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import type { PublicDirectory, PublicEvent, PublicInstitution } from './directory.ts';
import { committedDoc } from './serverDoc.ts';

/** Bounds on what one catalogue page lists, whatever the index holds. */
const MAX_INSTITUTIONS = 200;
const MAX_EVENTS = 20;

/**
 * The partner directory read from the server's own copy of the workspace index (never from what
 * a client sends), the same way publishing reads documents. Only records someone marked public
 * are returned, and of them only the fields meant for the open web.
 */
export class WorkspaceDirectory implements PublicDirectory {
  readonly #registry: RoomRegistry;
  readonly #storage: RoomStorage;

  constructor(registry: RoomRegistry, storage: RoomStorage) {
    this.#registry = registry;
    this.#storage = storage;
  }

  async institutions(workspaceId: string): Promise<PublicInstitution[]> {
    const doc = await this.#index(workspaceId);
    try {
      return shownInstitutions(doc)
        .map(publicInstitution)
        .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
        .slice(0, MAX_INSTITUTIONS);
    } finally {
      doc.destroy();
    }
  }

  async upcomingEvents(workspaceId: string, now: number): Promise<PublicEvent[]> {
    const doc = await this.#index(workspaceId);
    try {
      return upcomingPublicEvents(doc, now).slice(0, MAX_EVENTS);
    } finally {
      doc.destroy();
    }
  }

  #index(workspaceId: string): Promise<Y.Doc> {
    return committedDoc(this.#registry, this.#storage, roomName(workspaceId, INDEX_DOC_ID));
  }
}

/** Public, not archived, and named (an unnamed record has nothing to show). */
function shownInstitutions(doc: Y.Doc): Institution[] {
  return new Institutions(doc).all().filter((i) => i.public && !i.archived && i.name.trim());
}

function publicInstitution(i: Institution): PublicInstitution {
  const out: PublicInstitution = {
    name: i.name.trim(),
    kind: partnersRu[`institution.kind.${i.kind}`]
  };
  const website = i.website.trim();
  if (website && isWebsite(website)) out.website = website;
  if (i.address.trim()) out.address = i.address.trim();
  return out;
}

/** Public events that have not ended by `now`, soonest first. */
export function upcomingPublicEvents(doc: Y.Doc, now: number): PublicEvent[] {
  const shown = new Map(shownInstitutions(doc).map((i) => [i.id, i.name.trim()]));
  const out: PublicEvent[] = [];
  for (const event of new CalendarEvents(doc).sorted()) {
    if (!event.public || !event.title.trim()) continue;
    const interval = spanInterval(event);
    if (!interval || interval.end.getTime() < now) continue;
    out.push(publicEvent(event, interval.start.getTime(), shown));
  }
  return out;
}

function publicEvent(e: CalendarEvent, startsAt: number, shown: Map<string, string>): PublicEvent {
  const out: PublicEvent = {
    title: e.title.trim(),
    kind: projectsRu[`event.kind.${e.kind}`],
    start: e.start,
    end: e.end,
    allDay: e.allDay,
    startsAt,
    organisers: e.organisers.flatMap((id) => shown.get(id) ?? [])
  };
  const venue = shown.get(e.venueId);
  if (venue) out.venue = venue;
  return out;
}
