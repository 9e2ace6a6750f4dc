import type Database from 'better-sqlite3';
import { migrateSqlite } from '../db/migrations.ts';
import { openSqliteFile, type SqliteSync } from '../db/sqliteFile.ts';
import { MemoryCatalogueSearch } from './catalogueSearch.ts';
import { PUBLICATIONS_SCHEMA } from './database.ts';
import {
  PUBLICATION_COLUMNS,
  pinnedColumns,
  publicationFromRow,
  readContent,
  siteFromRow,
  type PartRow,
  type PublicationRow,
  type SiteRow
} from './publicationRows.ts';
import { newShortId, type PublicationStore, type PublishInput } from './PublicationStore.ts';
import type { PmNode, Publication, Site } from './types.ts';

export const PUBLICATIONS_FILE = 'publications.sqlite';

/**
 * Plain SQL over `publications.sqlite`. SQLite has one writer, this process, so the catalogue's
 * search index is kept in memory per workspace and dropped whenever that workspace's rows change.
 */
export class SqlitePublicationStore implements PublicationStore {
  readonly #db: Database.Database;
  readonly #search = new Map<string, MemoryCatalogueSearch>();

  constructor(file: string, synchronous: SqliteSync = 'full') {
    this.#db = openSqliteFile(file, synchronous);
    try {
      migrateSqlite(this.#db, PUBLICATIONS_SCHEMA);
    } catch (err) {
      this.#db.close();
      throw err;
    }
  }

  async site(workspaceId: string): Promise<Site | null> {
    const row = this.#db
      .prepare(
        'SELECT workspace_id, slug, title, default_licence FROM sites WHERE workspace_id = ?'
      )
      .get(workspaceId) as SiteRow | undefined;
    return row ? siteFromRow(row) : null;
  }

  async siteBySlug(slug: string): Promise<Site | null> {
    const row = this.#db
      .prepare('SELECT workspace_id, slug, title, default_licence FROM sites WHERE slug = ?')
      .get(slug) as SiteRow | undefined;
    return row ? siteFromRow(row) : null;
  }

  async slugTaken(slug: string, exceptWorkspace: string): Promise<boolean> {
    return (
      this.#db
        .prepare('SELECT 1 FROM sites WHERE slug = ? AND workspace_id <> ?')
        .get(slug, exceptWorkspace) !== undefined
    );
  }

  async putSite(site: Site, now: number): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO sites (workspace_id, slug, title, default_licence, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET slug = excluded.slug, title = excluded.title,
           default_licence = excluded.default_licence, updated_at = excluded.updated_at`
      )
      .run(site.workspaceId, site.slug, site.title, site.defaultLicence, now);
  }

  async sitesWithPublications(): Promise<Site[]> {
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

  async isPublisher(workspaceId: string, userId: string): Promise<boolean> {
    return (
      this.#db
        .prepare('SELECT 1 FROM publishers WHERE workspace_id = ? AND user_id = ?')
        .get(workspaceId, userId) !== undefined
    );
  }

  async publishers(workspaceId: string): Promise<string[]> {
    return (
      this.#db
        .prepare('SELECT user_id FROM publishers WHERE workspace_id = ? ORDER BY user_id')
        .all(workspaceId) as { user_id: string }[]
    ).map((r) => r.user_id);
  }

  async setPublisher(
    workspaceId: string,
    userId: string,
    on: boolean,
    by: string,
    now: number
  ): Promise<void> {
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

  #get(workspaceId: string, docId: string): Publication | null {
    const row = this.#db
      .prepare(
        `SELECT ${PUBLICATION_COLUMNS} FROM publications WHERE workspace_id = ? AND doc_id = ?`
      )
      .get(workspaceId, docId) as PublicationRow | undefined;
    return row ? publicationFromRow(row) : null;
  }

  async get(workspaceId: string, docId: string): Promise<Publication | null> {
    return this.#get(workspaceId, docId);
  }

  async byShortId(workspaceId: string, shortId: string): Promise<Publication | null> {
    const row = this.#db
      .prepare(
        `SELECT ${PUBLICATION_COLUMNS} FROM publications WHERE workspace_id = ? AND short_id = ?`
      )
      .get(workspaceId, shortId) as PublicationRow | undefined;
    return row ? publicationFromRow(row) : null;
  }

  async list(workspaceId: string): Promise<Publication[]> {
    return (
      this.#db
        .prepare(
          `SELECT ${PUBLICATION_COLUMNS} FROM publications WHERE workspace_id = ?
           ORDER BY COALESCE(published_at, proposed_at, 0) DESC`
        )
        .all(workspaceId) as PublicationRow[]
    ).map(publicationFromRow);
  }

  #published(workspaceId: string): Publication[] {
    return (
      this.#db
        .prepare(
          `SELECT ${PUBLICATION_COLUMNS} FROM publications
           WHERE workspace_id = ? AND status = 'published'
           ORDER BY published_at DESC, doc_id`
        )
        .all(workspaceId) as PublicationRow[]
    ).map(publicationFromRow);
  }

  async published(workspaceId: string): Promise<Publication[]> {
    return this.#published(workspaceId);
  }

  async pinnedContent(workspaceId: string, docId: string, version: number): Promise<PmNode | null> {
    const row = this.#db
      .prepare(
        `SELECT pinned FROM publications
         WHERE workspace_id = ? AND doc_id = ? AND status = 'published' AND version = ?`
      )
      .get(workspaceId, docId, version) as { pinned: string | null } | undefined;
    const part = this.#db.prepare(
      `SELECT body, parts FROM publication_parts
       WHERE workspace_id = ? AND doc_id = ? AND version = ? AND part = ?`
    );
    return readContent(
      row?.pinned ?? null,
      async (index) => part.get(workspaceId, docId, version, index) as PartRow | undefined
    );
  }

  async ensure(workspaceId: string, docId: string): Promise<Publication> {
    const existing = this.#get(workspaceId, docId);
    if (existing) return existing;
    this.#db
      .prepare(
        `INSERT INTO publications (workspace_id, doc_id, short_id, status) VALUES (?, ?, ?, 'draft')`
      )
      .run(workspaceId, docId, newShortId());
    return this.#get(workspaceId, docId)!;
  }

  async propose(workspaceId: string, docId: string, userId: string, now: number): Promise<void> {
    this.#db
      .prepare(
        'UPDATE publications SET proposed_by = ?, proposed_at = ? WHERE workspace_id = ? AND doc_id = ?'
      )
      .run(userId, now, workspaceId, docId);
  }

  /** The row and its content's parts in one transaction, the older version's parts gone. */
  async publish(
    workspaceId: string,
    docId: string,
    input: PublishInput,
    now: number
  ): Promise<void> {
    const columns = pinnedColumns(input.pinned);
    this.#db.transaction(() => {
      const { version } = this.#db
        .prepare(
          `UPDATE publications SET status = 'published', version = version + 1, licence = ?,
             published_by = ?, published_at = ?, first_published_at = COALESCE(first_published_at, ?),
             unpublished_at = NULL, pinned = ?, source_hash = ?, proposed_by = NULL, proposed_at = NULL
           WHERE workspace_id = ? AND doc_id = ? RETURNING version`
        )
        .get(
          input.licence,
          input.userId,
          now,
          now,
          columns.meta,
          input.sourceHash,
          workspaceId,
          docId
        ) as { version: number };
      this.#deleteParts(workspaceId, docId);
      const insert = this.#db.prepare(
        `INSERT INTO publication_parts (workspace_id, doc_id, version, part, parts, body)
         VALUES (?, ?, ?, ?, ?, ?)`
      );
      columns.parts.forEach((body, part) =>
        insert.run(workspaceId, docId, version, part, columns.parts.length, body)
      );
    })();
    this.#search.delete(workspaceId);
  }

  #deleteParts(workspaceId: string, docId: string): void {
    this.#db
      .prepare('DELETE FROM publication_parts WHERE workspace_id = ? AND doc_id = ?')
      .run(workspaceId, docId);
  }

  async unpublish(workspaceId: string, docId: string, now: number): Promise<void> {
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `UPDATE publications SET status = CASE WHEN status = 'draft' THEN 'draft' ELSE 'unpublished' END,
             unpublished_at = CASE WHEN status = 'draft' THEN NULL ELSE ? END,
             pinned = NULL, source_hash = NULL, proposed_by = NULL, proposed_at = NULL
           WHERE workspace_id = ? AND doc_id = ?`
        )
        .run(now, workspaceId, docId);
      this.#deleteParts(workspaceId, docId);
    })();
    this.#search.delete(workspaceId);
  }

  async searchPublished(workspaceId: string, q: string): Promise<string[]> {
    let index = this.#search.get(workspaceId);
    if (!index) {
      index = new MemoryCatalogueSearch(this.#published(workspaceId));
      this.#search.set(workspaceId, index);
    }
    return index.search(q);
  }

  async publishedMark(workspaceId: string): Promise<string> {
    const row = this.#db
      .prepare(
        `SELECT COUNT(*) AS n, COALESCE(SUM(version), 0) AS versions FROM publications
         WHERE workspace_id = ? AND status = 'published'`
      )
      .get(workspaceId) as { n: number; versions: number };
    return `${row.n}:${row.versions}`;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
