import type Database from 'better-sqlite3';
import { customAlphabet } from 'nanoid';
import { DEFAULT_LICENCE, isLicenceId } from './licences.ts';
import type { PinnedVersion, Publication, PublicationStatus, Site } from './types.ts';

/** Eight lower-case letters and digits (≈41 bits): unique per server, short in a URL. */
export const newShortId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 8);
export const SHORT_ID_PATTERN = /^[0-9a-z]{8}$/;

type PublicationRow = {
  workspace_id: string;
  doc_id: string;
  short_id: string;
  status: PublicationStatus;
  proposed_by: string | null;
  proposed_at: number | null;
  version: number;
  licence: string | null;
  published_by: string | null;
  first_published_at: number | null;
  published_at: number | null;
  unpublished_at: number | null;
  pinned: string | null;
  source_hash: string | null;
};

function fromRow(row: PublicationRow): Publication {
  return {
    workspaceId: row.workspace_id,
    docId: row.doc_id,
    shortId: row.short_id,
    status: row.status,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    version: row.version,
    licence: isLicenceId(row.licence) ? row.licence : null,
    publishedBy: row.published_by,
    firstPublishedAt: row.first_published_at,
    publishedAt: row.published_at,
    unpublishedAt: row.unpublished_at,
    pinned: row.pinned ? (JSON.parse(row.pinned) as PinnedVersion) : null,
    sourceHash: row.source_hash
  };
}

/** Plain SQL over `publications.sqlite`; every rule about who may do what is in `Publishing`. */
export class PublicationStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  // --- sites ---

  site(workspaceId: string): Site | null {
    const row = this.#db
      .prepare(
        'SELECT workspace_id, slug, title, default_licence FROM sites WHERE workspace_id = ?'
      )
      .get(workspaceId) as SiteRow | undefined;
    return row ? siteFromRow(row) : null;
  }

  siteBySlug(slug: string): Site | null {
    const row = this.#db
      .prepare('SELECT workspace_id, slug, title, default_licence FROM sites WHERE slug = ?')
      .get(slug) as SiteRow | undefined;
    return row ? siteFromRow(row) : null;
  }

  slugTaken(slug: string, exceptWorkspace: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM sites WHERE slug = ? AND workspace_id <> ?')
        .get(slug, exceptWorkspace) !== undefined
    );
  }

  putSite(site: Site, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO sites (workspace_id, slug, title, default_licence, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET slug = excluded.slug, title = excluded.title,
           default_licence = excluded.default_licence, updated_at = excluded.updated_at`
      )
      .run(site.workspaceId, site.slug, site.title, site.defaultLicence, now);
  }

  /** Sites with at least one published material (for the sitemap index). */
  sitesWithPublications(): Site[] {
    const rows = this.#db
      .prepare(
        `SELECT s.workspace_id, s.slug, s.title, s.default_licence FROM sites s
         WHERE EXISTS (SELECT 1 FROM publications p
                       WHERE p.workspace_id = s.workspace_id AND p.status = 'published')
         ORDER BY s.slug`
      )
      .all() as SiteRow[];
    return rows.map(siteFromRow);
  }

  // --- publishers ---

  isPublisher(workspaceId: string, userId: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM publishers WHERE workspace_id = ? AND user_id = ?')
        .get(workspaceId, userId) !== undefined
    );
  }

  publishers(workspaceId: string): string[] {
    return (
      this.#db
        .prepare('SELECT user_id FROM publishers WHERE workspace_id = ? ORDER BY user_id')
        .all(workspaceId) as { user_id: string }[]
    ).map((r) => r.user_id);
  }

  setPublisher(workspaceId: string, userId: string, on: boolean, by: string, now: number): void {
    if (on) {
      this.#db
        .prepare(
          `INSERT INTO publishers (workspace_id, user_id, granted_by, granted_at) VALUES (?, ?, ?, ?)
           ON CONFLICT DO NOTHING`
        )
        .run(workspaceId, userId, by, now);
    } else {
      this.#db
        .prepare('DELETE FROM publishers WHERE workspace_id = ? AND user_id = ?')
        .run(workspaceId, userId);
    }
  }

  // --- publications ---

  get(workspaceId: string, docId: string): Publication | null {
    const row = this.#db
      .prepare('SELECT * FROM publications WHERE workspace_id = ? AND doc_id = ?')
      .get(workspaceId, docId) as PublicationRow | undefined;
    return row ? fromRow(row) : null;
  }

  byShortId(workspaceId: string, shortId: string): Publication | null {
    const row = this.#db
      .prepare('SELECT * FROM publications WHERE workspace_id = ? AND short_id = ?')
      .get(workspaceId, shortId) as PublicationRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Every publication of a workspace that is not a plain draft, newest first. */
  list(workspaceId: string): Publication[] {
    return (
      this.#db
        .prepare(
          `SELECT * FROM publications WHERE workspace_id = ?
           ORDER BY COALESCE(published_at, proposed_at, 0) DESC`
        )
        .all(workspaceId) as PublicationRow[]
    ).map(fromRow);
  }

  /** The published materials of a workspace, newest version first. */
  published(workspaceId: string): Publication[] {
    return (
      this.#db
        .prepare(
          `SELECT * FROM publications WHERE workspace_id = ? AND status = 'published'
           ORDER BY published_at DESC, doc_id`
        )
        .all(workspaceId) as PublicationRow[]
    ).map(fromRow);
  }

  /** Creates the row (a draft with its short id) the first time a document is touched. */
  ensure(workspaceId: string, docId: string): Publication {
    const existing = this.get(workspaceId, docId);
    if (existing) return existing;
    this.#db
      .prepare(
        `INSERT INTO publications (workspace_id, doc_id, short_id, status) VALUES (?, ?, ?, 'draft')`
      )
      .run(workspaceId, docId, newShortId());
    return this.get(workspaceId, docId)!;
  }

  propose(workspaceId: string, docId: string, userId: string, now: number): void {
    this.#db
      .prepare(
        'UPDATE publications SET proposed_by = ?, proposed_at = ? WHERE workspace_id = ? AND doc_id = ?'
      )
      .run(userId, now, workspaceId, docId);
  }

  publish(
    workspaceId: string,
    docId: string,
    input: { licence: string; userId: string; pinned: PinnedVersion; sourceHash: string },
    now: number
  ): void {
    this.#db
      .prepare(
        `UPDATE publications SET status = 'published', version = version + 1, licence = ?,
           published_by = ?, published_at = ?, first_published_at = COALESCE(first_published_at, ?),
           unpublished_at = NULL, pinned = ?, source_hash = ?, proposed_by = NULL, proposed_at = NULL
         WHERE workspace_id = ? AND doc_id = ?`
      )
      .run(
        input.licence,
        input.userId,
        now,
        now,
        JSON.stringify(input.pinned),
        input.sourceHash,
        workspaceId,
        docId
      );
  }

  /** Takes a material down and forgets its pinned copy; the row stays so its URL answers 410. */
  unpublish(workspaceId: string, docId: string, now: number): void {
    this.#db
      .prepare(
        `UPDATE publications SET status = CASE WHEN status = 'draft' THEN 'draft' ELSE 'unpublished' END,
           unpublished_at = CASE WHEN status = 'draft' THEN NULL ELSE ? END,
           pinned = NULL, source_hash = NULL, proposed_by = NULL, proposed_at = NULL
         WHERE workspace_id = ? AND doc_id = ?`
      )
      .run(now, workspaceId, docId);
  }
}

type SiteRow = { workspace_id: string; slug: string; title: string; default_licence: string };

function siteFromRow(row: SiteRow): Site {
  return {
    workspaceId: row.workspace_id,
    slug: row.slug,
    title: row.title,
    defaultLicence: isLicenceId(row.default_licence) ? row.default_licence : DEFAULT_LICENCE
  };
}
