import { DEFAULT_LICENCE, isLicenceId } from '../../src/lib/shared/api/licences.ts';
import type { PinnedVersion, Publication, PublicationStatus, Site } from './types.ts';

/** Both engines name their columns alike; PostgreSQL's BIGINT times arrive as strings. */
type Time = number | string | null;

export type PublicationRow = {
  workspace_id: string;
  doc_id: string;
  short_id: string;
  status: PublicationStatus;
  proposed_by: string | null;
  proposed_at: Time;
  version: number;
  licence: string | null;
  published_by: string | null;
  first_published_at: Time;
  published_at: Time;
  unpublished_at: Time;
  pinned: string | null;
  source_hash: string | null;
};

export type SiteRow = {
  workspace_id: string;
  slug: string;
  title: string;
  default_licence: string;
};

/** Every column a caller may see (PostgreSQL's search columns stay inside the engine). */
export const PUBLICATION_COLUMNS = `workspace_id, doc_id, short_id, status, proposed_by,
  proposed_at, version, licence, published_by, first_published_at, published_at, unpublished_at,
  pinned, source_hash`;

const time = (t: Time): number | null => (t === null ? null : Number(t));

export function publicationFromRow(row: PublicationRow): Publication {
  return {
    workspaceId: row.workspace_id,
    docId: row.doc_id,
    shortId: row.short_id,
    status: row.status,
    proposedBy: row.proposed_by,
    proposedAt: time(row.proposed_at),
    version: row.version,
    licence: isLicenceId(row.licence) ? row.licence : null,
    publishedBy: row.published_by,
    firstPublishedAt: time(row.first_published_at),
    publishedAt: time(row.published_at),
    unpublishedAt: time(row.unpublished_at),
    pinned: row.pinned ? (JSON.parse(row.pinned) as PinnedVersion) : null,
    sourceHash: row.source_hash
  };
}

export function siteFromRow(row: SiteRow): Site {
  return {
    workspaceId: row.workspace_id,
    slug: row.slug,
    title: row.title,
    defaultLicence: isLicenceId(row.default_licence) ? row.default_licence : DEFAULT_LICENCE
  };
}
