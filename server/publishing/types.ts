import type { DocumentType } from '../../src/lib/shared/model/documentTypes.ts';
import type { LicenceId } from '../../src/lib/shared/api/licences.ts';
import type { PublicationStatus } from '../../src/lib/shared/api/publishing.ts';

/** One ProseMirror node as `yXmlFragmentToProsemirrorJSON` gives it: untrusted, peer-written. */
export type PmNode = {
  type?: unknown;
  attrs?: unknown;
  content?: unknown;
  text?: unknown;
  marks?: unknown;
};

/**
 * What a publication pins: the document's content fragment and the metadata a reader may see,
 * copied from the server's own store at publication time. Nothing else of the document (comments,
 * undeclared fields, the tree) is ever copied, so nothing else can reach a public page.
 */
export type PinnedVersion = {
  title: string;
  type: DocumentType;
  /** Only the fields the document's type declares, by field id. */
  fields: Record<string, string>;
  content: PmNode;
  /** The first words of the text, for the catalogue, the feed and link previews. */
  summary: string;
  /** The plain text, bounded, for the catalogue's search. */
  text: string;
  /** The document's tags, shown on its page and in the catalogue (absent in older pins). */
  tags?: string[];
  /**
   * Titles of the documents its text links to, as the author saw them when publishing: a link
   * to one that is not published reads as its title in plain text (absent in older pins).
   */
  linkTitles?: Record<string, string>;
};

/** A file a pinned version shows, by its SHA-256, and whether it is shown as a picture. */
export type PinnedFile = { hash: string; image: boolean };

/**
 * A pinned version without its content: what the catalogue, search, feed, sitemap, embed and a
 * page's frame need. The content is stored and read apart (`PublicationStore.pinnedContent`): a
 * 10 MB material's content took a quarter of a second to parse, on every site snapshot.
 */
export type PinnedMeta = Omit<PinnedVersion, 'content'> & {
  /** The files the content shows, in document order: the ones the public file route serves. */
  files: PinnedFile[];
};

export type { PublicationStatus };

export type Publication = {
  workspaceId: string;
  docId: string;
  shortId: string;
  status: PublicationStatus;
  proposedBy: string | null;
  proposedAt: number | null;
  version: number;
  licence: LicenceId | null;
  publishedBy: string | null;
  firstPublishedAt: number | null;
  publishedAt: number | null;
  unpublishedAt: number | null;
  /** The pinned version's metadata while published; dropped on unpublish so nothing lingers. */
  pinned: PinnedMeta | null;
  sourceHash: string | null;
};

/** A workspace's public catalogue: its address part, its public name, its default licence. */
export type Site = { workspaceId: string; slug: string; title: string; defaultLicence: LicenceId };
