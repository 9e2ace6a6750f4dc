import { DEFAULT_LICENCE, isLicenceId } from '../../src/lib/shared/api/licences.ts';
import { ContentDecoder, encodeContent } from './pinnedContent.ts';
import { pinnedFiles } from './pinnedFiles.ts';
import type {
  PinnedMeta,
  PinnedVersion,
  PmNode,
  Publication,
  PublicationStatus,
  Site
} from './types.ts';

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

/**
 * Every column a caller may see (PostgreSQL's search columns stay inside the engine): `pinned`
 * holds the version's metadata; its content is in `publication_parts`, read only by
 * `PublicationStore.pinnedContent`.
 */
export const PUBLICATION_COLUMNS = `workspace_id, doc_id, short_id, status, proposed_by,
  proposed_at, version, licence, published_by, first_published_at, published_at, unpublished_at,
  pinned, source_hash`;

/** A published version as it is written: its metadata column and its content's parts. */
export function pinnedColumns(pinned: PinnedVersion): { meta: string; parts: string[] } {
  const { content, ...rest } = pinned;
  const meta: PinnedMeta = { ...rest, files: pinnedFiles(content) };
  return { meta: JSON.stringify(meta), parts: encodeContent(content) };
}

/** One row of `publication_parts`: a piece of a version's content and how many there are. */
export type PartRow = { body: string; parts: number };

/**
 * A row pinned before the content had a column of its own (or by an instance of that release
 * still running beside this one) holds the whole version in `pinned` and no `files`: it reads as
 * before, only as slowly, until it is republished.
 */
type StoredPin = PinnedMeta | (PinnedVersion & { files?: undefined });

function metaFromColumn(json: string): PinnedMeta {
  const stored = JSON.parse(json) as StoredPin;
  if (stored.files !== undefined) return stored;
  const { content, ...rest } = stored;
  return { ...rest, files: pinnedFiles(content) };
}

/**
 * The content of a published version whose `pinned` column is given: read a part at a time by
 * `part` (one query each) and parsed in slices; from the whole older pin when it is one. Null
 * when a part is missing: the version was republished or taken down while it was being read.
 */
export async function readContent(
  pinned: string | null,
  part: (index: number) => Promise<PartRow | undefined>
): Promise<PmNode | null> {
  if (pinned === null) return null;
  const stored = JSON.parse(pinned) as StoredPin;
  if (stored.files === undefined) return stored.content;
  const decoder = new ContentDecoder();
  for (let index = 0, parts = 1; index < parts; index++) {
    const row = await part(index);
    if (!row) return null;
    parts = Number(row.parts);
    await decoder.add(row.body);
  }
  return decoder.root;
}

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
    pinned: row.pinned ? metaFromColumn(row.pinned) : null,
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
