import { noWorkspace } from '../accounts/AccountError.ts';
import type { Accounts } from '../accounts/Accounts.ts';
import type { Role } from '../accounts/types.ts';
import type { Logger } from '../log.ts';
import type { RoomRegistry } from '../relay/RoomRegistry.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import { INDEX_DOC_ID, roomName } from '../../src/lib/shared/model/schema.ts';
import { extractPinned } from './extract.ts';
import { DEFAULT_LICENCE, isLicenceId } from '../../src/lib/shared/api/licences.ts';
import type { PublicationView, SettingsView } from '../../src/lib/shared/api/publishing.ts';
import { materialPath } from './material.ts';
import type { PublicationStore } from './PublicationStore.ts';
import { notAllowed, PublishingError } from './PublishingError.ts';
import { committedDoc } from './serverDoc.ts';
import { isWorkspaceSlug, workspaceSlugFromName } from './slug.ts';
import type { Publication, Site } from './types.ts';

export { PUBLICATIONS_FILE } from './SqlitePublicationStore.ts';

export type PublishingOptions = {
  /** Sites, publishers and publications (`openPublicationStore`); closed with publishing. */
  store: PublicationStore;
  storage: RoomStorage;
  registry: RoomRegistry;
  accounts: Accounts;
  log: Logger;
  now?: () => number;
};

export type { PublicationView, SettingsView } from '../../src/lib/shared/api/publishing.ts';

/**
 * Who may publish: the owners, and members an owner names publishers (kept here, not as a fourth
 * role: a role would change the relay's and every client's access model, while this right only
 * matters to publishing). Editors and owners propose; viewers only read.
 *
 * What is published is pinned: the server copies the document's content and public fields from
 * its own store at that moment, and later edits stay private until someone publishes again.
 */
export class Publishing {
  readonly store: PublicationStore;
  readonly #storage: RoomStorage;
  readonly #registry: RoomRegistry;
  readonly #accounts: Accounts;
  readonly #log: Logger;
  readonly #now: () => number;
  /** Per workspace, bumped on every change to what is public: the render caches' key. */
  readonly #generations = new Map<string, number>();

  constructor(options: PublishingOptions) {
    this.store = options.store;
    this.#storage = options.storage;
    this.#registry = options.registry;
    this.#accounts = options.accounts;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
  }

  generation(workspaceId: string): number {
    return this.#generations.get(workspaceId) ?? 0;
  }

  #changed(workspaceId: string): void {
    this.#generations.set(workspaceId, this.generation(workspaceId) + 1);
  }

  // --- access ---

  async #role(userId: string, workspaceId: string): Promise<Role> {
    const workspace = await this.#accounts.workspace(userId, workspaceId);
    if (!workspace) throw noWorkspace();
    return workspace.role;
  }

  async #mayPublish(userId: string, workspaceId: string, role: Role): Promise<boolean> {
    if (role === 'owner') return true;
    return role !== 'viewer' && (await this.store.isPublisher(workspaceId, userId));
  }

  async #requireOwner(userId: string, workspaceId: string): Promise<void> {
    if ((await this.#role(userId, workspaceId)) !== 'owner') {
      throw notAllowed('Only an owner of this workspace may change its publishing settings.');
    }
  }

  /** The workspace's site, created on first use with a public name and address from its name. */
  async #site(userId: string, workspaceId: string): Promise<Site> {
    const existing = await this.store.site(workspaceId);
    if (existing) return existing;
    const name = (await this.#accounts.workspace(userId, workspaceId))?.name ?? 'Материалы';
    const base = workspaceSlugFromName(name);
    let slug = base;
    for (let n = 2; await this.store.slugTaken(slug, workspaceId); n++) slug = `${base}-${n}`;
    const site: Site = { workspaceId, slug, title: name, defaultLicence: DEFAULT_LICENCE };
    await this.store.putSite(site, this.#now());
    return site;
  }

  // --- settings ---

  async settings(userId: string, workspaceId: string): Promise<SettingsView> {
    const role = await this.#role(userId, workspaceId);
    const site = await this.#site(userId, workspaceId);
    return {
      slug: site.slug,
      title: site.title,
      defaultLicence: site.defaultLicence,
      canPublish: await this.#mayPublish(userId, workspaceId, role),
      ...(role === 'owner' ? { publishers: await this.store.publishers(workspaceId) } : {})
    };
  }

  async updateSettings(
    userId: string,
    workspaceId: string,
    patch: { slug?: string; title?: string; defaultLicence?: string }
  ): Promise<SettingsView> {
    await this.#requireOwner(userId, workspaceId);
    const site = { ...(await this.#site(userId, workspaceId)) };
    if (patch.slug !== undefined) {
      if (!isWorkspaceSlug(patch.slug)) {
        throw new PublishingError(
          400,
          'invalid_input',
          'The public address may hold lower-case Latin letters, digits and single dashes.'
        );
      }
      if (await this.store.slugTaken(patch.slug, workspaceId)) {
        throw new PublishingError(
          409,
          'slug_taken',
          'Another workspace already uses this address.'
        );
      }
      site.slug = patch.slug;
    }
    if (patch.title !== undefined) site.title = patch.title;
    if (patch.defaultLicence !== undefined) {
      if (!isLicenceId(patch.defaultLicence)) {
        throw new PublishingError(400, 'invalid_input', 'Unknown licence.');
      }
      site.defaultLicence = patch.defaultLicence;
    }
    await this.store.putSite(site, this.#now());
    this.#changed(workspaceId);
    return this.settings(userId, workspaceId);
  }

  async setPublisher(
    userId: string,
    workspaceId: string,
    targetId: string,
    on: boolean
  ): Promise<void> {
    await this.#requireOwner(userId, workspaceId);
    const members = await this.#accounts.members(userId, workspaceId);
    if (!members.some((m) => m.user.id === targetId)) {
      throw new PublishingError(404, 'not_found', 'No such member in this workspace.');
    }
    await this.store.setPublisher(workspaceId, targetId, on, userId, this.#now());
  }

  // --- the flow ---

  async status(userId: string, workspaceId: string, docId: string): Promise<PublicationView> {
    await this.#role(userId, workspaceId);
    const site = await this.#site(userId, workspaceId);
    const publication = await this.store.get(workspaceId, docId);
    let changed: boolean | null = null;
    if (publication?.status === 'published' && publication.sourceHash) {
      const current = await this.#extract(workspaceId, docId);
      changed = !current.ok || current.hash !== publication.sourceHash;
    }
    return view(site, docId, publication, changed);
  }

  async list(userId: string, workspaceId: string): Promise<PublicationView[]> {
    await this.#role(userId, workspaceId);
    const site = await this.#site(userId, workspaceId);
    return (await this.store.list(workspaceId))
      .filter((p) => p.status !== 'draft' || p.proposedAt !== null)
      .map((p) => view(site, p.docId, p, null));
  }

  async propose(userId: string, workspaceId: string, docId: string): Promise<PublicationView> {
    const role = await this.#role(userId, workspaceId);
    if (role === 'viewer') throw notAllowed('Viewers cannot propose documents for publication.');
    const extracted = await this.#extract(workspaceId, docId);
    if (!extracted.ok) throw missing(extracted.reason);
    await this.store.ensure(workspaceId, docId);
    await this.store.propose(workspaceId, docId, userId, this.#now());
    this.#log.info('publication proposed', { workspaceId, docId, userId });
    return this.status(userId, workspaceId, docId);
  }

  async publish(
    userId: string,
    workspaceId: string,
    docId: string,
    licence?: string
  ): Promise<PublicationView> {
    const role = await this.#role(userId, workspaceId);
    if (!(await this.#mayPublish(userId, workspaceId, role))) {
      throw notAllowed('Only an owner or a member with the publisher right may publish.');
    }
    const site = await this.#site(userId, workspaceId);
    const chosen = licence ?? site.defaultLicence;
    if (!isLicenceId(chosen)) throw new PublishingError(400, 'invalid_input', 'Unknown licence.');
    // The server's own copy, read now: whatever the client shows or sends plays no part.
    const extracted = await this.#extract(workspaceId, docId);
    if (!extracted.ok) throw missing(extracted.reason);
    await this.store.ensure(workspaceId, docId);
    await this.store.publish(
      workspaceId,
      docId,
      { licence: chosen, userId, pinned: extracted.pinned, sourceHash: extracted.hash },
      this.#now()
    );
    this.#changed(workspaceId);
    this.#log.info('published', { workspaceId, docId, userId });
    return this.status(userId, workspaceId, docId);
  }

  async unpublish(userId: string, workspaceId: string, docId: string): Promise<PublicationView> {
    const role = await this.#role(userId, workspaceId);
    const publication = await this.store.get(workspaceId, docId);
    // Whoever proposed may withdraw their own proposal; taking a material down is a publisher's.
    const ownProposal = publication?.status !== 'published' && publication?.proposedBy === userId;
    if (!ownProposal && !(await this.#mayPublish(userId, workspaceId, role))) {
      throw notAllowed('Only an owner or a member with the publisher right may unpublish.');
    }
    if (publication) {
      await this.store.unpublish(workspaceId, docId, this.#now());
      this.#changed(workspaceId);
      this.#log.info('unpublished', { workspaceId, docId, userId });
    }
    return this.status(userId, workspaceId, docId);
  }

  async #extract(workspaceId: string, docId: string) {
    const [indexDoc, doc] = await Promise.all([
      committedDoc(this.#registry, this.#storage, roomName(workspaceId, INDEX_DOC_ID)),
      committedDoc(this.#registry, this.#storage, roomName(workspaceId, docId))
    ]);
    try {
      return extractPinned(indexDoc, doc, docId);
    } finally {
      indexDoc.destroy();
      doc.destroy();
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

function missing(reason: 'missing' | 'in_bin'): PublishingError {
  return reason === 'in_bin'
    ? new PublishingError(409, 'in_bin', 'A document in the bin cannot be published.')
    : new PublishingError(404, 'not_found', 'No such document in this workspace.');
}

function view(
  site: Site,
  docId: string,
  p: Publication | null,
  changed: boolean | null
): PublicationView {
  const published = p?.status === 'published' && p.pinned;
  return {
    docId,
    status: p?.status ?? 'draft',
    proposed: p?.proposedAt != null,
    proposedAt: p?.proposedAt ?? null,
    version: p?.version ?? 0,
    licence: p?.licence ?? null,
    publishedAt: p?.publishedAt ?? null,
    firstPublishedAt: p?.firstPublishedAt ?? null,
    unpublishedAt: p?.unpublishedAt ?? null,
    path: published ? materialPath(site, p.shortId, p.pinned!.title) : null,
    changedSincePublished: changed
  };
}
