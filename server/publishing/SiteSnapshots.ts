import { CatalogueIndex } from './CatalogueIndex.ts';
import { asMaterial, type Material } from './material.ts';
import type { Publishing } from './Publishing.ts';
import type { Site } from './types.ts';

/** What the public side of one site needs, built once per generation of what is public. */
export type SiteSnapshot = {
  site: Site;
  generation: number;
  catalogue: CatalogueIndex;
  byDocId: Map<string, Material>;
};

/**
 * Builds a site's snapshot from the pinned versions on first request and keeps it until something
 * in that workspace is published, republished or taken down (the generation moves).
 */
export class SiteSnapshots {
  readonly #publishing: Publishing;
  readonly #snapshots = new Map<string, SiteSnapshot>();

  constructor(publishing: Publishing) {
    this.#publishing = publishing;
  }

  bySlug(slug: string): SiteSnapshot | null {
    const site = this.#publishing.store.siteBySlug(slug);
    return site ? this.of(site) : null;
  }

  of(site: Site): SiteSnapshot {
    const generation = this.#publishing.generation(site.workspaceId);
    const cached = this.#snapshots.get(site.workspaceId);
    if (cached && cached.generation === generation && cached.site.slug === site.slug) return cached;
    const materials = this.#publishing.store
      .published(site.workspaceId)
      .map((p) => asMaterial(site, p))
      .filter((m): m is Material => m !== null);
    const snapshot: SiteSnapshot = {
      site,
      generation,
      catalogue: new CatalogueIndex(materials),
      byDocId: new Map(materials.map((m) => [m.publication.docId, m]))
    };
    this.#snapshots.set(site.workspaceId, snapshot);
    return snapshot;
  }
}
