import type * as Y from 'yjs';
import { Institutions } from './institutions.ts';

/**
 * Everything that ties institutions together (an agreement, a joint project, an event) shown
 * the same way: which institutions take part and when. The map draws its edges from these, the
 * annual report counts them, and an institution cannot be deleted while any of them names it.
 *
 * Each kind registers one source (see `index.ts`); a new kind adds a line there, nothing else
 * needs to change.
 */
export type NetworkItem = {
  /** The registering kind, e.g. 'agreement', 'project', 'event'. */
  kind: string;
  id: string;
  title: string;
  institutionIds: string[];
  /** ISO dates bounding when it happened or is in force; '' when unknown (open-ended). */
  start: string;
  end: string;
  /** Where the record opens in the app. */
  href: string;
  /** A finer kind within `kind`, e.g. an event's «мастер-класс» (label `<kind>.kind.<category>`). */
  category?: string;
};

export type NetworkSource = (doc: Y.Doc) => NetworkItem[];

const sources = new Map<string, NetworkSource>();

/** Registers (or replaces, on a hot reload) the source of one kind. */
export function registerNetworkSource(kind: string, source: NetworkSource): void {
  sources.set(kind, source);
}

export function registeredKinds(): string[] {
  return [...sources.keys()];
}

export function networkItems(doc: Y.Doc): NetworkItem[] {
  return [...sources.values()].flatMap((source) => source(doc));
}

/** What names this institution: the reason it cannot be deleted. */
export function referencesTo(doc: Y.Doc, institutionId: string): NetworkItem[] {
  return networkItems(doc).filter((item) => item.institutionIds.includes(institutionId));
}

/** True when the item was (or is) in force at some time during `year`. */
export function activeInYear(item: Pick<NetworkItem, 'start' | 'end'>, year: number): boolean {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  if (!item.start && !item.end) return false;
  const start = item.start || item.end;
  const end = item.end || '9999-12-31';
  return start <= last && end >= first;
}

export type RemoveResult = { ok: true } | { ok: false; references: NetworkItem[] };

/**
 * Deletes an institution only when nothing refers to it: an agreement with a missing party
 * would lose its meaning. When refused, the caller offers to archive it instead.
 */
export function removeInstitution(institutions: Institutions, id: string): RemoveResult {
  const references = referencesTo(institutions.doc, id);
  if (references.length > 0) return { ok: false, references };
  institutions.remove(id);
  return { ok: true };
}
