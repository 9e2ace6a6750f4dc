/**
 * Where versions of documents are kept: a small async interface with one engine per database
 * (`SqliteHistoryStore` in `history.sqlite`, `PostgresHistoryStore` in the shared database),
 * chosen by `openHistoryStore`. History never writes the document store, so it can be backed up,
 * bounded or wiped on its own.
 */
import type { VersionInfo } from '../../src/lib/shared/api/history.ts';

export type { VersionInfo, VersionKind } from '../../src/lib/shared/api/history.ts';

/**
 * Who saved or edited, as kept: the account id beside the name it had then, so a deleted account
 * can be shown as «Удалённый участник». Versions kept before ids were stored have `id: ''`.
 */
export type VersionAuthor = { id: string; name: string };

/** A version as the store keeps it; `History` turns it into the API's `VersionInfo`. */
export type VersionRecord = Omit<VersionInfo, 'savedBy' | 'authors'> & {
  savedBy: VersionAuthor | null;
  authors: VersionAuthor[];
};

export type NewVersion = Omit<VersionRecord, 'id'> & { state: Uint8Array };

export type StoredVersion = VersionRecord & { state: Uint8Array };

export interface HistoryStore {
  add(room: string, version: NewVersion): Promise<VersionRecord>;
  /** A room's versions, newest first. */
  list(room: string): Promise<VersionRecord[]>;
  /** One version's info and state, only if it belongs to `room` (ids are not secrets). */
  get(room: string, id: number): Promise<StoredVersion | null>;
  /** The newest version's state, to skip an automatic version that would change nothing. */
  latestState(room: string): Promise<Uint8Array | null>;
  /**
   * Removes versions and hands their authors to the next version kept, in one transaction, so
   * thinning never loses who changed the document.
   */
  drop(room: string, ids: number[], authorsTo: Map<number, VersionAuthor[]>): Promise<void>;
  /**
   * Replaces the name kept for this account id (who saved, who edited) by `name` in every room:
   * a deleted person's name is personal data and goes with the account.
   */
  renameAuthor(authorId: string, name: string): Promise<void>;
  /**
   * Runs `task` unless another process is running one for the same room (then resolves to
   * undefined without running it): instances sharing a database take an automatic version once,
   * not once each. A single-process engine just runs it.
   */
  exclusive<T>(room: string, task: () => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
}
