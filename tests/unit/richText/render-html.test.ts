import { describe, expect, it } from 'vitest';
import { isRenderableImageSrc, renderHtml } from '../../../src/lib/shared/richText/renderHtml.ts';
import type { PmNode } from '../../../src/lib/shared/richText/pmNode.ts';
import { doc, p, text } from '../transfer/fixtures.ts';

const linked = (href: unknown) => text('ссылка', { type: 'link', attrs: { href } });
const HASH = 'ab'.repeat(32);
const image = (attrs: Record<string, unknown>): PmNode => ({ type: 'image', attrs });

describe('the shared rich-text renderer', () => {
  it('XS2 text and attribute values are escaped; unknown and hostile nodes keep only their text', () => {
    const html = renderHtml(
      doc(
        p(text('<script>alert(1)</script> & "кавычки"', { type: 'bold' })),
        { type: 'script', content: [text('alert(2)')] },
        { type: 'paragraph', attrs: { onclick: 'x()', class: 'evil' }, content: [text('абзац')] },
        { type: 'heading', attrs: { level: '1" onclick="x()' }, content: [text('Заголовок')] }
      )
    );
    expect(html).toBe(
      '<p><strong>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;кавычки&quot;</strong></p>' +
        'alert(2)<p>абзац</p><h3>Заголовок</h3>'
    );
  });

  it('XS2 unsafe hrefs are dropped with their words kept; the rel comes from the caller', () => {
    const hostile = [
      'javascript:alert(1)',
      ' JaVaScRiPt:x',
      'data:text/html,x',
      '//evil.example',
      7
    ];
    const html = renderHtml(doc(...hostile.map((href) => p(linked(href)))));
    expect(html).toBe('<p>ссылка</p>'.repeat(hostile.length));
    const rel = (href: string) => (href.startsWith('https:') ? 'nofollow' : '');
    expect(renderHtml(p(linked('https://example.org/?a=1&b=2')), { linkRel: rel })).toBe(
      '<p><a href="https://example.org/?a=1&amp;b=2" rel="nofollow">ссылка</a></p>'
    );
    expect(renderHtml(p(linked('/doc?id=1')), { linkRel: rel })).toBe(
      '<p><a href="/doc?id=1">ссылка</a></p>'
    );
  });

  it('XS2 nesting deeper than the limit is cut, not a stack overflow', () => {
    const nested = (depth: number) => {
      let node: PmNode = text('глубоко');
      for (let i = 0; i < depth; i++) node = { type: 'blockquote', content: [node] };
      return node;
    };
    expect(renderHtml(nested(3), { maxDepth: 3 })).toBe(
      '<blockquote><blockquote><blockquote>глубоко</blockquote></blockquote></blockquote>'
    );
    expect(renderHtml(nested(3), { maxDepth: 2 })).not.toContain('глубоко');
    expect(() => renderHtml(nested(20_000))).not.toThrow();
    expect(renderHtml(nested(20_000))).not.toContain('глубоко');
  });

  it('XS2 a picture shows from a site path or a data: URL only, else nothing or its description', () => {
    const pictures = doc(image({ hash: HASH, alt: 'Барыня <в платке>', width: 640, height: 360 }));
    const withSrc = (src: string | null, extra = {}) =>
      renderHtml(pictures, { imageSrc: () => src, ...extra });
    expect(withSrc(`/p/set/files/${HASH}`, { imagesFromNetwork: true })).toBe(
      `<figure><img src="/p/set/files/${HASH}" alt="Барыня &lt;в платке&gt;" width="640" height="360" loading="lazy" decoding="async"></figure>`
    );
    expect(withSrc('data:image/png;base64,iVBORw0KGgo=')).toBe(
      '<figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="Барыня &lt;в платке&gt;"></figure>'
    );
    for (const src of [
      'https://evil.example/x.png',
      '//evil.example/x.png',
      'javascript:alert(1)',
      'data:image/svg+xml;base64,PHN2Zz4=',
      '/x" onerror="alert(1)',
      null
    ]) {
      expect(withSrc(src)).toBe('');
      expect(withSrc(src, { describeMissingImages: true })).toBe(
        '<p class="missing">[Барыня &lt;в платке&gt;]</p>'
      );
    }
    // No source at all, or a hash that is not one: the caller is never even asked.
    expect(renderHtml(pictures)).toBe('');
    const asked: string[] = [];
    renderHtml(doc(image({ hash: 'https://evil.example/x.png' })), {
      imageSrc: (h) => (asked.push(h), `/files/${h}`)
    });
    expect(asked).toEqual([]);
    expect(isRenderableImageSrc(`/p/set/files/${HASH}`)).toBe(true);
    expect(isRenderableImageSrc('/\\evil.example/x')).toBe(false);
  });

  it('XS2 files, task items and links to documents follow the options', () => {
    const content = doc(
      { type: 'attachment', attrs: { hash: HASH, name: 'План/1.pdf' } },
      { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [] }] },
      p({ type: 'docLink', attrs: { docId: 'a' } }, { type: 'docLink', attrs: { docId: 'b' } })
    );
    const docLink = (id: string) =>
      id === 'a' ? { href: 'javascript:x()', title: 'План <A>' } : null;
    expect(renderHtml(content, { docLink })).toBe(
      '<ul class="tasks"><li class="task"><span class="box">☑</span> </li></ul>' +
        '<p><span>План &lt;A&gt;</span><span>другой документ</span></p>'
    );
    expect(
      renderHtml(content, {
        fileHref: (h) => `/files/${h}`,
        markDoneTasks: true,
        unlinkedDocLabel: 'другой материал',
        docLink: (id) => (id === 'a' ? { href: '/p/a', title: 'План' } : null)
      })
    ).toBe(
      `<p class="file"><a href="/files/${HASH}" download="План_1.pdf">План_1.pdf</a></p>` +
        '<ul class="tasks"><li class="task done"><span class="box">☑</span> </li></ul>' +
        '<p><a href="/p/a">План</a><span>другой материал</span></p>'
    );
  });
});
