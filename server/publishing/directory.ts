/**
 * Extension point for what the workspace index will hold besides documents: partner institutions
 * (those that chose to be shown) and joint events. Those records are being added elsewhere; until
 * they are, the catalogue asks this interface and shows nothing. Whoever wires it must return only
 * public data: an institution's public name, site and description, never its contacts or
 * agreements, and only events marked public.
 */
export type PublicInstitution = { name: string; url?: string; description?: string };
export type PublicEvent = { title: string; startsAt: number; venue?: string; institution?: string };

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
