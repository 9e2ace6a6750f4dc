/** Versions of a document as `/api/…/history` lists them. */
export type VersionKind = 'auto' | 'named';

/** A version as listed: everything but the (possibly large) state. */
export type VersionInfo = {
  id: number;
  createdAt: number;
  kind: VersionKind;
  /** The name a person gave it (named versions), or null. */
  name: string | null;
  /** Display name of who saved a named version, or null. */
  savedBy: string | null;
  /** Display names of the people whose edits arrived since the previous version. */
  authors: string[];
};
