import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPublicationStore } from '../../../server/publishing/openPublicationStore.ts';
import {
  SHORT_ID_PATTERN,
  type PublicationStore
} from '../../../server/publishing/PublicationStore.ts';
import { ENGINE_KINDS, engineUnderTest, type EngineUnderTest } from '../helpers/engines.ts';
import type { PmNode } from '../../../server/publishing/types.ts';
import { pinned, publishOne } from './publicationFixtures.ts';

const WS = 'ws-belgorod';
const T0 = Date.UTC(2026, 10, 20, 10, 0);

/** PS1–PS6: what every publication engine keeps. */
describe.each(ENGINE_KINDS)('PS publication store contract: %s', (kind) => {
  let under: EngineUnderTest;
  let store: PublicationStore;

  beforeEach(async () => {
    under = await engineUnderTest(kind);
    store = await openPublicationStore(under.engine);
  });

  afterEach(async () => {
    await store.close();
    await under.destroy();
  });

  it('PS1 a site is stored, found by workspace and by address, and its address is taken', async () => {
    expect(await store.site(WS)).toBeNull();
    const site = {
      workspaceId: WS,
      slug: 'set-uchrezhdeniy',
      title: 'Сеть учреждений Белгорода',
      defaultLicence: 'CC-BY-4.0' as const
    };
    await store.putSite(site, T0);
    expect(await store.site(WS)).toEqual(site);
    expect(await store.siteBySlug('set-uchrezhdeniy')).toEqual(site);
    expect(await store.slugTaken('set-uchrezhdeniy', 'ws-other')).toBe(true);
    expect(await store.slugTaken('set-uchrezhdeniy', WS)).toBe(false);
    await store.putSite({ ...site, title: 'Новое имя' }, T0 + 1);
    expect((await store.site(WS))?.title).toBe('Новое имя');
  });

  it('PS2 publishers are granted once, listed in order and revoked', async () => {
    await store.setPublisher(WS, 'user-b', true, 'owner', T0);
    await store.setPublisher(WS, 'user-a', true, 'owner', T0);
    await store.setPublisher(WS, 'user-a', true, 'owner', T0);
    expect(await store.publishers(WS)).toEqual(['user-a', 'user-b']);
    expect(await store.isPublisher(WS, 'user-a')).toBe(true);
    await store.setPublisher(WS, 'user-a', false, 'owner', T0);
    expect(await store.isPublisher(WS, 'user-a')).toBe(false);
    expect(await store.publishers('ws-other')).toEqual([]);
  });

  it('PS3 a document gets one short id; publishing pins it and counts versions', async () => {
    const draft = await store.ensure(WS, 'doc-1');
    expect(draft).toMatchObject({ status: 'draft', version: 0, pinned: null });
    expect(draft.shortId).toMatch(SHORT_ID_PATTERN);
    expect((await store.ensure(WS, 'doc-1')).shortId).toBe(draft.shortId);
    await store.propose(WS, 'doc-1', 'user-ivan', T0);
    expect(await store.get(WS, 'doc-1')).toMatchObject({ proposedBy: 'user-ivan', proposedAt: T0 });
    const first = pinned('Народная кукла', 'Куклы-обереги из ткани');
    await publishOne(store, WS, 'doc-1', first, T0 + 1000);
    await publishOne(store, WS, 'doc-1', pinned('Народная кукла', 'Исправлено'), T0 + 2000);
    const got = await store.get(WS, 'doc-1');
    expect(got).toMatchObject({
      status: 'published',
      version: 2,
      licence: 'CC-BY-4.0',
      publishedBy: 'user-olga',
      firstPublishedAt: T0 + 1000,
      publishedAt: T0 + 2000,
      proposedAt: null,
      sourceHash: 'h-doc-1'
    });
    expect(got?.pinned?.text).toBe('Исправлено');
    expect(await store.byShortId(WS, draft.shortId)).toEqual(got);
    expect(await store.byShortId('ws-other', draft.shortId)).toBeNull();
  });

  it('PS4 taking down forgets the pinned copy; lists and sites follow what is published', async () => {
    await store.putSite(
      { workspaceId: WS, slug: 'b-site', title: 'Б', defaultLicence: 'CC-BY-4.0' },
      T0
    );
    await store.putSite(
      { workspaceId: 'ws-a', slug: 'a-site', title: 'А', defaultLicence: 'CC-BY-4.0' },
      T0
    );
    await publishOne(store, WS, 'old', pinned('Старое', 'текст'), T0);
    await publishOne(store, WS, 'new', pinned('Новое', 'текст'), T0 + 10);
    await publishOne(store, 'ws-a', 'x', pinned('Другое', 'текст'), T0);
    await store.ensure(WS, 'draft');
    expect((await store.published(WS)).map((p) => p.docId)).toEqual(['new', 'old']);
    expect((await store.sitesWithPublications()).map((s) => s.slug)).toEqual(['a-site', 'b-site']);
    await store.unpublish(WS, 'old', T0 + 20);
    await store.unpublish(WS, 'draft', T0 + 20);
    expect(await store.get(WS, 'old')).toMatchObject({
      status: 'unpublished',
      unpublishedAt: T0 + 20,
      pinned: null
    });
    expect(await store.get(WS, 'draft')).toMatchObject({ status: 'draft', unpublishedAt: null });
    expect((await store.published(WS)).map((p) => p.docId)).toEqual(['new']);
    expect((await store.list(WS)).map((p) => p.docId)).toEqual(['new', 'old', 'draft']);
    expect(await store.searchPublished(WS, 'старое')).toEqual([]);
    await store.unpublish(WS, 'new', T0 + 30);
    expect((await store.sitesWithPublications()).map((s) => s.slug)).toEqual(['a-site']);
  });

  it('PS5 another instance on the same data sees every write; touching a document together gives one row', async () => {
    const other = await openPublicationStore(await under.another());
    try {
      const [a, b] = await Promise.all([store.ensure(WS, 'doc-2'), other.ensure(WS, 'doc-2')]);
      expect(a.shortId).toBe(b.shortId);
      await publishOne(store, WS, 'doc-2', pinned('Роспись', 'Городецкая роспись'), T0);
      expect((await other.get(WS, 'doc-2'))?.status).toBe('published');
      expect(await other.searchPublished(WS, 'роспись')).toEqual(['doc-2']);
    } finally {
      await other.close();
    }
  });

  it('PS6 a version is read as its metadata apart from its content, and its content only while that version is published', async () => {
    const picture = 'a'.repeat(64);
    const content: PmNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ход занятия' }] },
        // Line breaks of every kind inside the text: the stored content is cut between blocks.
        { type: 'paragraph', content: [{ type: 'text', text: 'Первая\nвторая\u2028третья' }] },
        { type: 'image', attrs: { hash: picture, alt: 'Кукла-оберег' } },
        { type: 'paragraph' }
      ]
    };
    await publishOne(store, WS, 'doc-3', { ...pinned('Кукла', 'текст'), content }, T0);
    const got = await store.get(WS, 'doc-3');
    expect(got?.pinned).toMatchObject({ title: 'Кукла', files: [{ hash: picture, image: true }] });
    expect(got?.pinned).not.toHaveProperty('content');
    expect((await store.published(WS))[0]?.pinned).not.toHaveProperty('content');
    expect(await store.pinnedContent(WS, 'doc-3', 1)).toEqual(content);

    const next: PmNode = { type: 'doc', content: [{ type: 'paragraph' }] };
    await publishOne(store, WS, 'doc-3', { ...pinned('Кукла', 'текст'), content: next }, T0 + 1);
    expect((await store.get(WS, 'doc-3'))?.pinned?.files).toEqual([]);
    expect(await store.pinnedContent(WS, 'doc-3', 1)).toBeNull();
    expect(await store.pinnedContent(WS, 'doc-3', 2)).toEqual(next);
    // Longer than one stored part (256 K characters): read back whole, blocks in order.
    const long: PmNode = {
      type: 'doc',
      content: Array.from({ length: 700 }, (_, i) => ({
        type: 'paragraph',
        content: [{ type: 'text', text: `${i}. ${'Глина, вода и терпение. '.repeat(40)}` }]
      }))
    };
    await publishOne(store, WS, 'long', { ...pinned('Сборник', 'текст'), content: long }, T0);
    expect(await store.pinnedContent(WS, 'long', 1)).toEqual(long);
    await publishOne(store, WS, 'empty', pinned('Пусто', ''), T0);
    expect(await store.pinnedContent(WS, 'empty', 1)).toEqual({ type: 'doc', content: [] });
    await store.unpublish(WS, 'doc-3', T0 + 2);
    expect(await store.pinnedContent(WS, 'doc-3', 2)).toBeNull();
    expect(await store.pinnedContent(WS, 'nothing', 1)).toBeNull();
  });
});
