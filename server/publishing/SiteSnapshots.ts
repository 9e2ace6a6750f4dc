import { CatalogueIndex } from './CatalogueIndex.ts';
import { asMaterial, type Material } from './material.ts';
import { pinnedFiles } from './pinnedFiles.ts';
import type { Publishing } from './Publishing.ts';
import type { Site } from './types.ts';

/** What the public side of one site needs, built once per generation of what is public. */
export type SiteSnapshot = {
  site: Site;
  generation: number;
  catalogue: CatalogueIndex;
  byDocId: Map<string, Material>;
  /** Every file hash the published versions show: the only ones the public file route serves. */
  files: Set<string>;
};

/**
 * Builds a site's snapshot from the pinned versions on first request and keeps it until something
 * in that workspace is published, republished or taken down (the generation moves). Unpublishing
 * moves it too, so a taken-down material's files stop being served with its page.
 */
export class SiteSnapshots {
  readonly #publishing: Publishing;
  readonly #snapshots = new Map<string, SiteSnapshot>();

  constructor(publishing: Publishing) {
    this.#publishing = publishing;
  }

  async bySlug(slug: string): Promise<SiteSnapshot | null> {
    const site = await this.#publishing.store.siteBySlug(slug);
    return site ? this.of(site) : null;
  }

  async of(site: Site): Promise<SiteSnapshot> {
    const generation = this.#publishing.generation(site.workspaceId);
    const cached = this.#snapshots.get(site.workspaceId);
    if (cached && cached.generation === generation && cached.site.slug === site.slug) return cached;
    const store = this.#publishing.store;
    const materials = (await store.published(site.workspaceId))
      .map((p) => asMaterial(site, p))
      .filter((m): m is Material => m !== null);
    const snapshot: SiteSnapshot = {
      site,
      generation,
      catalogue: new CatalogueIndex(materials, (q) => store.searchPublished(site.workspaceId, q)),
      byDocId: new Map(materials.map((m) => [m.publication.docId, m])),
      files: new Set(materials.flatMap((m) => pinnedFiles(m.pinned.content).map((f) => f.hash)))
    };
    this.#snapshots.set(site.workspaceId, snapshot);
    return snapshot;
  }
}
