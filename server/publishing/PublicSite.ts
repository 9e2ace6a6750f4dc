import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DIRECTIONS,
  isDocumentType,
  type Direction
} from '../../src/lib/shared/model/documentTypes.ts';
import { blobHeaders } from '../blobs/blobHeaders.ts';
import { SHA256_PATTERN, type BlobStore } from '../blobs/BlobStore.ts';
import type { Logger } from '../log.ts';
import type { CatalogueQuery } from './CatalogueIndex.ts';
import { emptyDirectory, type PublicDirectory } from './directory.ts';
import { cataloguePath, type Material } from './material.ts';
import type { Publishing } from './Publishing.ts';
import { SHORT_ID_PATTERN } from './PublicationStore.ts';
import { renderCataloguePage } from './render/cataloguePage.ts';
import {
  renderAtomFeed,
  renderEmbed,
  renderRobots,
  renderSitemap,
  renderSitemapIndex
} from './render/feeds.ts';
import { goneBody, shell } from './render/layout.ts';
import { renderMaterialPage } from './render/materialPage.ts';
import { PUBLIC_CSS, PUBLIC_CSS_PATH } from './render/styles.ts';
import {
  EMBED_CSP,
  gone,
  html,
  notFound,
  redirect,
  send,
  slicedEtag,
  xml,
  type Answer
} from './publicAnswer.ts';
import { RenderCache, type CachedPage } from './RenderCache.ts';
import { SiteSnapshots, type SiteSnapshot } from './SiteSnapshots.ts';

export const PUBLIC_PREFIX = '/p/';
const SITE_WIDE = new Set(['/sitemap.xml', '/robots.txt']);

/**
 * A published file's bytes never change (the address is their hash), but the right to see them
 * ends when the material is taken down: an hour bounds how long a browser or a shared cache may
 * still show a withdrawn picture, and a reread after that is a cheap 304 while it is public.
 * A year-long `immutable` would keep a withdrawn photo in every cache that saw it.
 */
const PUBLIC_FILE_CACHE = 'public, max-age=3600';

const PAGE_SIZE = 30;
const FEED_SIZE = 30;
const EMBED_MAX = 20;
const HOST_PATTERN = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export type PublicSiteOptions = {
  publishing: Publishing;
  /** The files of documents; without it no file is served. */
  blobs?: BlobStore;
  log: Logger;
  /** The public origin (adapter-node's ORIGIN); without it, the request's own host. */
  origin?: string;
  directory?: PublicDirectory;
  now?: () => number;
};

/**
 * The public side: server-rendered pages under /p/ (and /sitemap.xml), outside the app shell,
 * readable without JavaScript. Everything shown comes from pinned publications, never from the
 * live documents.
 */
export class PublicSite {
  readonly #publishing: Publishing;
  readonly #blobs: BlobStore | null;
  readonly #log: Logger;
  readonly #origin: string | undefined;
  readonly #directory: PublicDirectory;
  readonly #now: () => number;
  readonly #snapshots: SiteSnapshots;
  readonly cache = new RenderCache(1000);
  readonly #rendering = new Map<string, Promise<CachedPage | null>>();

  constructor(options: PublicSiteOptions) {
    this.#publishing = options.publishing;
    this.#blobs = options.blobs ?? null;
    this.#log = options.log;
    this.#origin = options.origin?.replace(/\/$/, '');
    this.#directory = options.directory ?? emptyDirectory;
    this.#now = options.now ?? Date.now;
    this.#snapshots = new SiteSnapshots(options.publishing);
  }

  /** Answers /p/…, /sitemap.xml and /robots.txt; returns false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(PUBLIC_PREFIX) && !SITE_WIDE.has(url.pathname)) return false;
    this.#answer(req, url).then(
      (answer) => send(req, res, answer),
      (err: unknown) => {
        this.#log.error('public page failed', {
          error: err instanceof Error ? err.message : String(err)
        });
        send(req, res, html(500, shell({ title: 'Ошибка', body: goneBody('Ошибка на сервере') })));
      }
    );
    return true;
  }

  async #answer(req: IncomingMessage, url: URL): Promise<Answer> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return {
        status: 405,
        type: 'text/plain; charset=utf-8',
        body: 'Method not allowed',
        headers: { allow: 'GET, HEAD' }
      };
    }
    const origin = this.#originOf(req);
    if (url.pathname === '/sitemap.xml') {
      const sites = await this.#publishing.store.sitesWithPublications();
      return xml('application/xml', renderSitemapIndex(sites, origin));
    }
    if (url.pathname === '/robots.txt') {
      const sites = await this.#publishing.store.sitesWithPublications();
      return { status: 200, type: 'text/plain; charset=utf-8', body: renderRobots(sites, origin) };
    }
    if (url.pathname === PUBLIC_CSS_PATH) {
      return {
        status: 200,
        type: 'text/css; charset=utf-8',
        body: PUBLIC_CSS,
        headers: { 'cache-control': 'public, max-age=31536000, immutable' }
      };
    }
    const parts = url.pathname.slice(PUBLIC_PREFIX.length).split('/');
    const snapshot = parts[0] ? await this.#snapshots.bySlug(decodeSafe(parts[0])) : null;
    if (!snapshot) return notFound();
    const rest = parts.slice(1).join('/');
    if (parts.length === 1) return redirect(cataloguePath(snapshot.site));
    switch (rest) {
      case '':
        return this.#catalogue(snapshot, url);
      case 'feed.atom':
        return xml(
          'application/atom+xml',
          renderAtomFeed(snapshot.site, snapshot.catalogue.all.slice(0, FEED_SIZE), origin)
        );
      case 'sitemap.xml':
        return xml(
          'application/xml',
          renderSitemap(snapshot.site, [...snapshot.catalogue.all], origin)
        );
      case 'embed': {
        const n = boundedInt(url.searchParams.get('n'), 1, EMBED_MAX) ?? 5;
        const answer = html(
          200,
          renderEmbed(snapshot.site, snapshot.catalogue.all.slice(0, n), origin)
        );
        answer.headers = { 'content-security-policy': EMBED_CSP };
        return answer;
      }
    }
    if (parts.length === 3 && parts[1] === 'files') return this.#file(snapshot, parts[2]!);
    return this.#material(snapshot, rest, origin);
  }

  /**
   * A file of a published material. Served only while a current publication of this site shows
   * it and this workspace holds its bytes (a hash another workspace uploaded is not this one's to
   * give away); anything else is the same 404 as any unknown address, so the route tells no one
   * whether a file exists.
   */
  async #file(snapshot: SiteSnapshot, hash: string): Promise<Answer> {
    const blobs = this.#blobs;
    if (!blobs || !SHA256_PATTERN.test(hash) || !snapshot.files.has(hash)) return notFound();
    const meta = await blobs.meta(snapshot.site.workspaceId, hash);
    if (!meta) return notFound();
    const headers = blobHeaders(meta, PUBLIC_FILE_CACHE);
    return {
      status: 200,
      type: headers['content-type']!,
      body: '',
      headers,
      etag: headers.etag,
      stream: () => blobs.read(hash)
    };
  }

  async #material(
    snapshot: SiteSnapshot,
    rest: string,
    origin: string,
    retried = false
  ): Promise<Answer> {
    const shortId =
      /-([0-9a-z]{8})$/.exec(rest)?.[1] ?? (SHORT_ID_PATTERN.test(rest) ? rest : null);
    if (!shortId) return notFound();
    // A published material is in the snapshot, built at the store's current published mark.
    // Only other addresses ask the store, to tell a taken-down material (410) from none (404).
    const material = snapshot.byShortId.get(shortId);
    if (!material) {
      const publication = await this.#publishing.store.byShortId(
        snapshot.site.workspaceId,
        shortId
      );
      return !publication || publication.status === 'draft' ? notFound() : gone(snapshot);
    }
    const publication = material.publication;
    // A title changed since the link was shared: the old address leads to the current one.
    if (`/p/${snapshot.site.slug}/${rest}` !== material.path) return redirect(material.path);
    const key = `m\u0000${snapshot.site.workspaceId}\u0000${snapshot.generation}\u0000${publication.docId}\u0000${origin}`;
    const page = this.cache.get(key) ?? (await this.#render(key, snapshot, material, origin));
    if (page) return { ...html(200, page.body), etag: page.etag };
    // Republished or taken down (here or on another instance) since the snapshot was built:
    // the page is the one the store's current state gives, never this version's metadata
    // around the next version's content.
    const fresh = await this.#snapshots.of(snapshot.site);
    return !retried && fresh.generation !== snapshot.generation
      ? this.#material(fresh, rest, origin, true)
      : gone(snapshot);
  }

  /**
   * Renders a material's page once, however many readers ask for it while it renders (a large
   * one renders in slices, so requests arrive meanwhile), and keeps it in the cache. Its content
   * is read from the store here, for this page only; null when the snapshot's version of it is
   * no longer the published one.
   */
  #render(
    key: string,
    snapshot: SiteSnapshot,
    material: Material,
    origin: string
  ): Promise<CachedPage | null> {
    let rendering = this.#rendering.get(key);
    if (!rendering) {
      const { workspaceId, docId, version } = material.publication;
      rendering = this.#publishing.store
        .pinnedContent(workspaceId, docId, version)
        .then(async (content) => {
          if (!content) return null;
          const pieces = await renderMaterialPage(material, content, origin, (linked) => {
            const target = snapshot.byDocId.get(linked);
            return target
              ? { href: target.path, title: target.pinned.title || 'Без названия' }
              : null;
          });
          const body = Buffer.concat(pieces);
          const page = { body, etag: await slicedEtag(body) };
          this.cache.set(key, page);
          return page;
        })
        .finally(() => this.#rendering.delete(key));
      this.#rendering.set(key, rendering);
    }
    return rendering;
  }

  async #catalogue(snapshot: SiteSnapshot, url: URL): Promise<Answer> {
    const query = parseQuery(url.searchParams);
    const page = boundedInt(url.searchParams.get('page'), 1, 10_000) ?? 1;
    const all = await snapshot.catalogue.query(query);
    const [partners, events] = await Promise.all([
      this.#directory.institutions(snapshot.site.workspaceId),
      this.#directory.upcomingEvents(snapshot.site.workspaceId, this.#now())
    ]);
    const institutions = [
      ...new Set([...snapshot.catalogue.institutions(), ...partners.map((p) => p.name)])
    ];
    const body = renderCataloguePage({
      site: snapshot.site,
      query,
      results: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      total: all.length,
      page,
      pageSize: PAGE_SIZE,
      institutions,
      partners,
      events
    });
    return html(200, body);
  }

  #originOf(req: IncomingMessage): string {
    if (this.#origin) return this.#origin;
    const host = req.headers.host ?? '';
    const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
    return HOST_PATTERN.test(host) ? `${secure ? 'https' : 'http'}://${host.toLowerCase()}` : '';
  }
}

export function parseQuery(params: URLSearchParams): CatalogueQuery {
  const query: CatalogueQuery = {};
  const q = params.get('q')?.trim().slice(0, 200);
  if (q) query.q = q;
  const direction = params.get('direction');
  if (direction && DIRECTIONS.includes(direction as Direction)) query.direction = direction;
  const type = params.get('type');
  if (type && isDocumentType(type)) query.type = type;
  const institution = params.get('institution')?.trim().slice(0, 200);
  if (institution) query.institution = institution;
  const age = boundedInt(params.get('age'), 0, 120);
  if (age !== null) query.age = age;
  return query;
}

function boundedInt(raw: string | null, min: number, max: number): number | null {
  if (raw === null || !/^\d{1,6}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n >= min && n <= max ? n : null;
}

function decodeSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}
