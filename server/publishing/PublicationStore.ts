import { customAlphabet } from 'nanoid';
import type { PinnedVersion, PmNode, Publication, Site } from './types.ts';

/** Eight lower-case letters and digits (≈41 bits): unique per server, short in a URL. */
export const newShortId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 8);
export const SHORT_ID_PATTERN = /^[0-9a-z]{8}$/;

export type PublishInput = {
  licence: string;
  userId: string;
  pinned: PinnedVersion;
  sourceHash: string;
};

/**
 * Sites, publishers and publications, as plain reads and writes; every rule about who may do what
 * is in `Publishing`. One engine per database (`SqlitePublicationStore`,
 * `PostgresPublicationStore`), chosen by `openPublicationStore`.
 */
export interface PublicationStore {
  site(workspaceId: string): Promise<Site | null>;
  siteBySlug(slug: string): Promise<Site | null>;
  slugTaken(slug: string, exceptWorkspace: string): Promise<boolean>;
  putSite(site: Site, now: number): Promise<void>;
  /** Sites with at least one published material (for the sitemap index), by slug. */
  sitesWithPublications(): Promise<Site[]>;

  isPublisher(workspaceId: string, userId: string): Promise<boolean>;
  publishers(workspaceId: string): Promise<string[]>;
  setPublisher(
    workspaceId: string,
    userId: string,
    on: boolean,
    by: string,
    now: number
  ): Promise<void>;

  get(workspaceId: string, docId: string): Promise<Publication | null>;
  byShortId(workspaceId: string, shortId: string): Promise<Publication | null>;
  /** Every publication row of a workspace, newest first. */
  list(workspaceId: string): Promise<Publication[]>;
  /**
   * The published materials of a workspace, newest version first. Like every read above, a
   * publication carries its pinned metadata only, never its content.
   */
  published(workspaceId: string): Promise<Publication[]>;
  /**
   * The content of a published material's pinned version `version`, parsed in slices; null once
   * that version is no longer the published one (republished or taken down meanwhile).
   */
  pinnedContent(workspaceId: string, docId: string, version: number): Promise<PmNode | null>;
  /** Creates the row (a draft with its short id) the first time a document is touched. */
  ensure(workspaceId: string, docId: string): Promise<Publication>;
  propose(workspaceId: string, docId: string, userId: string, now: number): Promise<void>;
  publish(workspaceId: string, docId: string, input: PublishInput, now: number): Promise<void>;
  /** Takes a material down and forgets its pinned copy; the row stays so its URL answers 410. */
  unpublish(workspaceId: string, docId: string, now: number): Promise<void>;
  /**
   * The catalogue's full-text search: the published materials of a workspace whose words match
   * every word of `q` (Russian word forms, ё read as е), best first, as document ids.
   */
  searchPublished(workspaceId: string, q: string): Promise<string[]>;
  /**
   * Changes whenever what a workspace has published changes, whoever changed it: every publish
   * raises the sum of versions, every take-down lowers the count. Several instances share the
   * database, so a site's cached pages are checked against it rather than against local events.
   */
  publishedMark(workspaceId: string): Promise<string>;
  close(): Promise<void>;
}
