import { CatalogueIndex } from './CatalogueIndex.ts';
import { asMaterial, type Material } from './material.ts';
import type { Publishing } from './Publishing.ts';
import type { Site } from './types.ts';

/** What the public side of one site needs, built once per generation of what is public. */
export type SiteSnapshot = {
  site: Site;
  /** Unique per snapshot built here: the render caches' key. */
  generation: number;
  /** The local generation and the store's published mark it was built at. */
  builtAt: string;
  catalogue: CatalogueIndex;
  byDocId: Map<string, Material>;
  /** The same materials by their short id: a page view finds its material without a query. */
  byShortId: Map<string, Material>;
  /** Every file hash the published versions show: the only ones the public file route serves. */
  files: Set<string>;
};

/**
 * Builds a site's snapshot from the pinned versions' metadata (never their content, which only a
 * material's own page reads) on first request and keeps it until something
 * in that workspace is published, republished or taken down: here (the generation moves) or by
 * another instance on the same database (the store's published mark moves). Unpublishing moves
 * both, so a taken-down material's files stop being served with its page.
 */
export class SiteSnapshots {
  readonly #publishing: Publishing;
  readonly #snapshots = new Map<string, SiteSnapshot>();
  #builds = 0;

  constructor(publishing: Publishing) {
    this.#publishing = publishing;
  }

  async bySlug(slug: string): Promise<SiteSnapshot | null> {
    const site = await this.#publishing.store.siteBySlug(slug);
    return site ? this.of(site) : null;
  }

  async of(site: Site): Promise<SiteSnapshot> {
    const store = this.#publishing.store;
    const mark = await store.publishedMark(site.workspaceId);
    const builtAt = `${this.#publishing.generation(site.workspaceId)}:${mark}`;
    const cached = this.#snapshots.get(site.workspaceId);
    if (cached && cached.builtAt === builtAt && sameSite(cached.site, site)) return cached;
    const materials = (await store.published(site.workspaceId))
      .map((p) => asMaterial(site, p))
      .filter((m): m is Material => m !== null);
    const snapshot: SiteSnapshot = {
      site,
      generation: ++this.#builds,
      builtAt,
      catalogue: new CatalogueIndex(materials, (q) => store.searchPublished(site.workspaceId, q)),
      byDocId: new Map(materials.map((m) => [m.publication.docId, m])),
      byShortId: new Map(materials.map((m) => [m.publication.shortId, m])),
      files: new Set(materials.flatMap((m) => m.pinned.files.map((f) => f.hash)))
    };
    this.#snapshots.set(site.workspaceId, snapshot);
    return snapshot;
  }
}

/** Settings changed on another instance show too: the site row is read on every request. */
function sameSite(a: Site, b: Site): boolean {
  return a.slug === b.slug && a.title === b.title && a.defaultLicence === b.defaultLicence;
}
