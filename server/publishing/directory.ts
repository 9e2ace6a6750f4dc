/**
 * What the public catalogue shows of the partner network besides documents: institutions that
 * chose to be shown and upcoming events marked public. Only public data crosses this interface:
 * an institution's name, kind, address and web site, never its contacts, notes or agreements.
 */
export type PublicInstitution = {
  name: string;
  /** The kind in Russian, e.g. «библиотека». */
  kind: string;
  /** An http(s) address only; anything else is left out. */
  website?: string;
  address?: string;
};

export type PublicEvent = {
  title: string;
  /** The kind in Russian, e.g. «мастер-класс». */
  kind: string;
  /** As stored: `YYYY-MM-DD` for a whole-day event, else an ISO instant (what schema.org takes). */
  start: string;
  end: string;
  allDay: boolean;
  /** The start as a timestamp, for display and ordering. */
  startsAt: number;
  /** The hosting institution's name, only when that institution is itself public. */
  venue?: string;
  /** Public organising institutions' names. */
  organisers: string[];
};

export interface PublicDirectory {
  /** Institutions of the workspace that chose to be shown on its public catalogue. */
  institutions(workspaceId: string): Promise<PublicInstitution[]>;
  /** Upcoming public events of the workspace, soonest first. */
  upcomingEvents(workspaceId: string, now: number): Promise<PublicEvent[]>;
}

export const emptyDirectory: PublicDirectory = {
  institutions: async () => [],
  upcomingEvents: async () => []
};
