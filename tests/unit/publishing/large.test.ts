import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { contentToHtml, contentToSafeHtml } from '../../../server/publishing/render/contentHtml.ts';
import { sanitizeContent } from '../../../server/publishing/render/sanitize.ts';
import type { PmNode } from '../../../server/publishing/types.ts';
import { renderHtml } from '../../../src/lib/shared/richText/renderHtml.ts';
import { documentRoots, indexRoots } from '../../../src/lib/shared/model/schema.ts';
import { fragmentToJson } from '../../../src/lib/shared/richText/fragmentJson.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { writeLargeDocument } from '../helpers/largeDocument.ts';
import { longestStall } from '../helpers/stallMeter.ts';
import { PublishingServer } from './publishingServer.ts';

const defer = deferCleanup();
const execute = promisify(execFile);

/**
 * The slices are about 10 ms of work; a stall of a few times that is the machine being busy
 * (2 cores shared) or a garbage collection. Rendering the page in one piece stalled for seconds.
 */
const STALL_BOUND_MS = 250;

describe('a very large public material', () => {
  it('PB30 rendering in slices gives the same page as rendering it whole', async () => {
    const doc = new Y.Doc();
    writeLargeDocument(doc, 1024 * 1024);
    const content = fragmentToJson(documentRoots.content(doc));
    const sliced = Buffer.concat(await contentToSafeHtml(content)).toString();
    expect(sliced.length).toBeGreaterThan(500_000);
    expect(sliced).toBe(sanitizeContent(contentToHtml(content)));
  });

  it('PB30 the renderer walks a document nested 2,000 levels deep without recursion', () => {
    let inner: PmNode = { type: 'paragraph', content: [{ type: 'text', text: 'Дно' }] };
    for (let i = 0; i < 2000; i++) inner = { type: 'blockquote', content: [inner] };
    // Even with no depth limit at all, the walk keeps its own stack, not the call stack.
    const html = renderHtml({ type: 'doc', content: [inner] }, { maxDepth: 10_000 });
    expect(html.startsWith('<blockquote>'.repeat(2000) + '<p>Дно</p>')).toBe(true);
    expect(html.endsWith('</blockquote>'.repeat(2000))).toBe(true);
  });

  it("PB30 neither the site's first page after a 10 MB material is published nor its first view holds the server for long, and the page is whole", async () => {
    // Seconds of work in this process, done before any request: meanwhile the server (the same
    // event loop) would reach its keep-alive timeout on the client's idle connection and close
    // it just as the next request went out on it (ECONNRESET on a busy machine).
    const doc = new Y.Doc();
    writeLargeDocument(doc, 10 * 1024 * 1024);
    const end = new Y.XmlElement('paragraph');
    end.insert(0, [new Y.XmlText('Конец сборника.')]);
    documentRoots.content(doc).push([end]);
    const index = new Y.Doc();
    const entry = new Y.Map<unknown>();
    indexRoots.documents(index).set('huge', entry);
    entry.set('title', 'Сборник методических разработок');
    entry.set('type', 'methodology');
    entry.set('createdAt', Date.now());
    entry.set('updatedAt', Date.now());
    entry.set('deletedAt', null);
    const content = Y.encodeStateAsUpdate(doc);
    const listing = Y.encodeStateAsUpdate(index);
    const site = await PublishingServer.start(defer);
    const { owner, workspaceId } = await site.workspace();
    // Straight into the store: ten megabytes are more than a client may send in one update.
    await site.server.storage.append([
      { room: `${workspaceId}/huge`, update: content },
      { room: `${workspaceId}/index`, update: listing }
    ]);
    const published = await site.api(owner, workspaceId).publish('huge');
    expect(published.status).toBe(200);
    const url = `${site.url}${published.json.publication.path}`;

    // The site's snapshot is built by its first page, here the catalogue: it reads the pinned
    // versions' metadata only (parsing the 10 MB content in one piece stalled it for 250 ms).
    const catalogue = `${site.url}/p/${published.json.publication.path.split('/')[2]}/`;
    const first = await longestStall(
      async () => (await execute('curl', ['-s', catalogue], { maxBuffer: 1024 * 1024 })).stdout
    );
    expect(first.stallMs).toBeLessThan(STALL_BOUND_MS);
    expect(first.value).toContain('Сборник методических разработок');
    // The reader is another process: a client in this one would share the event loop measured.
    const { value: page, stallMs } = await longestStall(
      async () => (await execute('curl', ['-s', url], { maxBuffer: 64 * 1024 * 1024 })).stdout
    );
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
    expect(page.length).toBeGreaterThan(5_000_000);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).toContain('<p>Конец сборника.</p>');
    expect(page).toContain('Лицензия');
  }, 120_000);
});
