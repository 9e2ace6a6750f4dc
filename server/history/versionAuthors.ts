import type { VersionAuthor } from './HistoryStore.ts';

/**
 * How both engines keep a version's people: the names column as before (rows written before ids
 * were kept stay readable) and the ids in a column of their own, position by position. Only this
 * module pairs them, so the two lists can never drift apart.
 */
export type AuthorColumns = {
  savedBy: string | null;
  savedById: string | null;
  authors: string[];
  authorIds: string[];
};

export function toColumns(savedBy: VersionAuthor | null, authors: VersionAuthor[]): AuthorColumns {
  return {
    savedBy: savedBy?.name ?? null,
    savedById: savedBy ? savedBy.id : null,
    authors: authors.map((a) => a.name),
    authorIds: authors.map((a) => a.id)
  };
}

/** A row's people; ids missing from an older row read as ''. */
export function fromColumns(columns: {
  savedBy: string | null;
  savedById: string | null;
  authors: string[];
  authorIds: string[] | null;
}): { savedBy: VersionAuthor | null; authors: VersionAuthor[] } {
  return {
    savedBy:
      columns.savedBy === null ? null : { id: columns.savedById ?? '', name: columns.savedBy },
    authors: columns.authors.map((name, i) => ({ id: columns.authorIds?.[i] ?? '', name }))
  };
}

/** The same people with every entry of `authorId` renamed (null when none was). */
export function renamed(
  people: { savedBy: VersionAuthor | null; authors: VersionAuthor[] },
  authorId: string,
  name: string
): { savedBy: VersionAuthor | null; authors: VersionAuthor[] } | null {
  const touches = (a: VersionAuthor | null) => a !== null && a.id === authorId && a.name !== name;
  if (!touches(people.savedBy) && !people.authors.some(touches)) return null;
  const rename = (a: VersionAuthor) => (a.id === authorId ? { id: a.id, name } : a);
  return {
    savedBy: people.savedBy && rename(people.savedBy),
    authors: people.authors.map(rename)
  };
}

/** One entry per person: by id when known, by name for older rows. */
export function authorKey(a: VersionAuthor): string {
  return a.id ? `id:${a.id}` : `name:${a.name}`;
}
