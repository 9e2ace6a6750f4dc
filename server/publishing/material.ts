import { LICENCES } from '../../src/lib/shared/api/licences.ts';
import { slugFromTitle } from './slug.ts';
import type { PinnedMeta, Publication, Site } from './types.ts';

/**
 * A published material as every public view needs it: its pinned metadata and its address. Its
 * content is read from the store only when its own page is rendered.
 */
export type Material = {
  site: Site;
  publication: Publication;
  pinned: PinnedMeta;
  /** The site-relative address, `/p/<site>/<slug>-<shortId>`. */
  path: string;
  publishedAt: number;
  firstPublishedAt: number;
  licence: (typeof LICENCES)[keyof typeof LICENCES];
};

export function cataloguePath(site: Site): string {
  return `/p/${site.slug}/`;
}

export function materialPath(site: Site, shortId: string, title: string): string {
  return `/p/${site.slug}/${slugFromTitle(title)}-${shortId}`;
}

export function asMaterial(site: Site, publication: Publication): Material | null {
  const { pinned, publishedAt, licence } = publication;
  if (publication.status !== 'published' || !pinned || publishedAt === null || !licence)
    return null;
  return {
    site,
    publication,
    pinned,
    path: materialPath(site, publication.shortId, pinned.title),
    publishedAt,
    firstPublishedAt: publication.firstPublishedAt ?? publishedAt,
    licence: LICENCES[licence]
  };
}
