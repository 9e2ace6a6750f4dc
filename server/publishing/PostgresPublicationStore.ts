import type { Pool, PoolClient } from 'pg';
import { migratePostgres } from '../db/migrations.ts';
import { foldForSearch, searchWords } from './catalogueSearch.ts';
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

const SITE_COLUMNS = 'workspace_id, slug, title, default_licence';

/**
 * Publications in the shared database. The catalogue's search runs in PostgreSQL itself
 * (`to_tsvector('russian', …)` in a generated, GIN-indexed column, queried with
 * `websearch_to_tsquery`), so every instance searches the same rows without an index of its own.
 */
export class PostgresPublicationStore implements PublicationStore {
  readonly #pool: Pool;

  private constructor(pool: Pool) {
    this.#pool = pool;
  }

  static async open(pool: Pool): Promise<PostgresPublicationStore> {
    await migratePostgres(pool, PUBLICATIONS_SCHEMA);
    return new PostgresPublicationStore(pool);
  }

  async #sites(sql: string, params: unknown[]): Promise<Site[]> {
    return (await this.#pool.query<SiteRow>(sql, params)).rows.map(siteFromRow);
  }

  async #publications(where: string, params: unknown[], order = ''): Promise<Publication[]> {
    const result = await this.#pool.query<PublicationRow>(
      `SELECT ${PUBLICATION_COLUMNS} FROM publications WHERE ${where} ${order}`,
      params
    );
    return result.rows.map(publicationFromRow);
  }

  async site(workspaceId: string): Promise<Site | null> {
    const sql = `SELECT ${SITE_COLUMNS} FROM publication_sites WHERE workspace_id = $1`;
    return (await this.#sites(sql, [workspaceId]))[0] ?? null;
  }

  async siteBySlug(slug: string): Promise<Site | null> {
    const sql = `SELECT ${SITE_COLUMNS} FROM publication_sites WHERE slug = $1`;
    return (await this.#sites(sql, [slug]))[0] ?? null;
  }

  async slugTaken(slug: string, exceptWorkspace: string): Promise<boolean> {
    const result = await this.#pool.query(
      'SELECT 1 FROM publication_sites WHERE slug = $1 AND workspace_id <> $2',
      [slug, exceptWorkspace]
    );
    return (result.rowCount ?? 0) > 0;
  }

  async putSite(site: Site, now: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO publication_sites (workspace_id, slug, title, default_licence, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workspace_id) DO UPDATE SET slug = EXCLUDED.slug, title = EXCLUDED.title,
         default_licence = EXCLUDED.default_licence, updated_at = EXCLUDED.updated_at`,
      [site.workspaceId, site.slug, site.title, site.defaultLicence, now]
    );
  }

  async sitesWithPublications(): Promise<Site[]> {
    return this.#sites(
      `SELECT s.workspace_id, s.slug, s.title, s.default_licence FROM publication_sites s
       WHERE EXISTS (SELECT 1 FROM publications p
                     WHERE p.workspace_id = s.workspace_id AND p.status = 'published')
       ORDER BY s.slug COLLATE "C"`,
      []
    );
  }

  async isPublisher(workspaceId: string, userId: string): Promise<boolean> {
    const result = await this.#pool.query(
      'SELECT 1 FROM publication_publishers WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, userId]
    );
    return (result.rowCount ?? 0) > 0;
  }

  async publishers(workspaceId: string): Promise<string[]> {
    const result = await this.#pool.query<{ user_id: string }>(
      `SELECT user_id FROM publication_publishers WHERE workspace_id = $1
       ORDER BY user_id COLLATE "C"`,
      [workspaceId]
    );
    return result.rows.map((r) => r.user_id);
  }

  async setPublisher(
    workspaceId: string,
    userId: string,
    on: boolean,
    by: string,
    now: number
  ): Promise<void> {
    if (on) {
      await this.#pool.query(
        `INSERT INTO publication_publishers (workspace_id, user_id, granted_by, granted_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [workspaceId, userId, by, now]
      );
    } else {
      await this.#pool.query(
        'DELETE FROM publication_publishers WHERE workspace_id = $1 AND user_id = $2',
        [workspaceId, userId]
      );
    }
  }

  async get(workspaceId: string, docId: string): Promise<Publication | null> {
    return (
      (await this.#publications('workspace_id = $1 AND doc_id = $2', [workspaceId, docId]))[0] ??
      null
    );
  }

  async byShortId(workspaceId: string, shortId: string): Promise<Publication | null> {
    const rows = await this.#publications('workspace_id = $1 AND short_id = $2', [
      workspaceId,
      shortId
    ]);
    return rows[0] ?? null;
  }

  async list(workspaceId: string): Promise<Publication[]> {
    return this.#publications(
      'workspace_id = $1',
      [workspaceId],
      'ORDER BY COALESCE(published_at, proposed_at, 0) DESC'
    );
  }

  async published(workspaceId: string): Promise<Publication[]> {
    return this.#publications(
      "workspace_id = $1 AND status = 'published'",
      [workspaceId],
      'ORDER BY published_at DESC, doc_id COLLATE "C"'
    );
  }

  async pinnedContent(workspaceId: string, docId: string, version: number): Promise<PmNode | null> {
    const result = await this.#pool.query<{ pinned: string | null }>(
      `SELECT pinned FROM publications
       WHERE workspace_id = $1 AND doc_id = $2 AND status = 'published' AND version = $3`,
      [workspaceId, docId, version]
    );
    return readContent(result.rows[0]?.pinned ?? null, async (index) => {
      const part = await this.#pool.query<PartRow>(
        `SELECT body, parts FROM publication_parts
         WHERE workspace_id = $1 AND doc_id = $2 AND version = $3 AND part = $4`,
        [workspaceId, docId, version, index]
      );
      return part.rows[0];
    });
  }

  /** Two instances touching one document at once: the first row wins, both read it back. */
  async ensure(workspaceId: string, docId: string): Promise<Publication> {
    await this.#pool.query(
      `INSERT INTO publications (workspace_id, doc_id, short_id, status)
       VALUES ($1, $2, $3, 'draft') ON CONFLICT (workspace_id, doc_id) DO NOTHING`,
      [workspaceId, docId, newShortId()]
    );
    return (await this.get(workspaceId, docId))!;
  }

  async propose(workspaceId: string, docId: string, userId: string, now: number): Promise<void> {
    await this.#pool.query(
      `UPDATE publications SET proposed_by = $1, proposed_at = $2
       WHERE workspace_id = $3 AND doc_id = $4`,
      [userId, now, workspaceId, docId]
    );
  }

  /**
   * The row and its content's parts in one transaction. The row's lock orders two instances
   * publishing one document; each statement after it sees the other's parts, and deletes them.
   */
  async publish(
    workspaceId: string,
    docId: string,
    input: PublishInput,
    now: number
  ): Promise<void> {
    const words = searchWords(input.pinned);
    const columns = pinnedColumns(input.pinned);
    await this.#transaction(async (client) => {
      const updated = await client.query<{ version: number }>(
        `UPDATE publications SET status = 'published', version = version + 1, licence = $1,
           published_by = $2, published_at = $3, first_published_at = COALESCE(first_published_at, $3),
           unpublished_at = NULL, pinned = $4, source_hash = $5, proposed_by = NULL, proposed_at = NULL,
           search_title = $6, search_fields = $7, search_body = $8
         WHERE workspace_id = $9 AND doc_id = $10 RETURNING version`,
        [
          input.licence,
          input.userId,
          now,
          columns.meta,
          input.sourceHash,
          foldForSearch(words.title),
          foldForSearch(words.fields),
          foldForSearch(words.body),
          workspaceId,
          docId
        ]
      );
      await deleteParts(client, workspaceId, docId);
      const version = updated.rows[0]?.version;
      if (version === undefined) return;
      await client.query(
        `INSERT INTO publication_parts (workspace_id, doc_id, version, part, parts, body)
         SELECT $1, $2, $3, p.ord - 1, cardinality($4::text[]), p.body
         FROM unnest($4::text[]) WITH ORDINALITY AS p(body, ord)`,
        [workspaceId, docId, version, columns.parts]
      );
    });
  }

  async unpublish(workspaceId: string, docId: string, now: number): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        `UPDATE publications SET
           status = CASE WHEN status = 'draft' THEN 'draft' ELSE 'unpublished' END,
           unpublished_at = CASE WHEN status = 'draft' THEN NULL ELSE $1::bigint END,
           pinned = NULL, source_hash = NULL, proposed_by = NULL, proposed_at = NULL,
           search_title = NULL, search_fields = NULL, search_body = NULL
         WHERE workspace_id = $2 AND doc_id = $3`,
        [now, workspaceId, docId]
      );
      await deleteParts(client, workspaceId, docId);
    });
  }

  async #transaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async searchPublished(workspaceId: string, q: string): Promise<string[]> {
    const result = await this.#pool.query<{ doc_id: string }>(
      `SELECT doc_id FROM publications, websearch_to_tsquery('russian', $2) AS query
       WHERE workspace_id = $1 AND status = 'published' AND search @@ query
       ORDER BY ts_rank(search, query) DESC, published_at DESC, doc_id COLLATE "C"`,
      [workspaceId, foldForSearch(q)]
    );
    return result.rows.map((r) => r.doc_id);
  }

  async publishedMark(workspaceId: string): Promise<string> {
    const result = await this.#pool.query<{ n: string; versions: string }>(
      `SELECT COUNT(*) AS n, COALESCE(SUM(version), 0) AS versions FROM publications
       WHERE workspace_id = $1 AND status = 'published'`,
      [workspaceId]
    );
    return `${result.rows[0]!.n}:${result.rows[0]!.versions}`;
  }

  /** The pool belongs to the engine, which closes it once every store is done. */
  async close(): Promise<void> {}
}

function deleteParts(client: PoolClient, workspaceId: string, docId: string) {
  return client.query('DELETE FROM publication_parts WHERE workspace_id = $1 AND doc_id = $2', [
    workspaceId,
    docId
  ]);
}
