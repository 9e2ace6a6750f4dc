import { describe, expect, it } from 'vitest';
import { contentToHtml, plainText } from '../../../server/publishing/render/contentHtml.ts';
import { sanitizeContent } from '../../../server/publishing/render/sanitize.ts';
import { jsonForScript, escapeXml } from '../../../server/publishing/render/escape.ts';
import type { PmNode } from '../../../server/publishing/types.ts';
import { unsafeMarkup } from './markup.ts';

const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });
const p = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
const text = (value: string, marks: PmNode[] = []): PmNode => ({
  type: 'text',
  text: value,
  marks
});
const render = (node: PmNode, docLink?: Parameters<typeof contentToHtml>[1]) =>
  sanitizeContent(contentToHtml(node, docLink));

describe('rendering a document', () => {
  it("PB2 the editor's nodes and marks become plain semantic HTML", () => {
    const html = render(
      doc(
        { type: 'heading', attrs: { level: 1 }, content: [text('Ход занятия')] },
        p(
          text('Лепим '),
          text('барыню', [{ type: 'bold' }]),
          text(' из глины', [{ type: 'italic' }])
        ),
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [p(text('Глина'))] }]
        },
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [{ type: 'listItem', content: [p(text('Шаг'))] }]
        },
        {
          type: 'taskList',
          content: [{ type: 'taskItem', attrs: { checked: true }, content: [p(text('Готово'))] }]
        },
        p(text('сайт', [{ type: 'link', attrs: { href: 'https://example.org/a?b=1&c=2' } }]))
      )
    );
    expect(html).toContain('<h2>Ход занятия</h2>');
    expect(html).toContain('<p>Лепим <strong>барыню</strong><em> из глины</em></p>');
    expect(html).toContain('<ul><li><p>Глина</p></li></ul>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<li class="task done"><span class="box">☑</span>');
    expect(html).toContain(
      '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">сайт</a>'
    );
  });

  it('PB2 hostile content renders inert: scripts, handlers, javascript: and data: links, SVG, raw HTML', () => {
    const hostile = doc(
      p(text('<script>alert(1)</script><img src=x onerror=alert(2)>')),
      p(text('ссылка', [{ type: 'link', attrs: { href: 'javascript:alert(3)' } }])),
      p(text('ссылка2', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(4)' } }])),
      p(
        text('ссылка3', [
          { type: 'link', attrs: { href: 'data:text/html,<script>alert(5)</script>' } }
        ])
      ),
      p(text('ссылка4', [{ type: 'link', attrs: { href: '//evil.example/x' } }])),
      { type: 'script', content: [text('alert(6)')] },
      { type: 'svg', attrs: { onload: 'alert(7)' }, content: [text('svg text')] },
      {
        type: 'paragraph',
        attrs: { onclick: 'alert(8)', style: 'x', class: 'evil' },
        content: [text('абзац')]
      },
      {
        type: 'heading',
        attrs: { level: '1" onmouseover="alert(9)' },
        content: [text('Заголовок')]
      },
      { type: 'orderedList', attrs: { start: '1" onclick="alert(10)' }, content: [] },
      p(text('жирный', [{ type: 'bold', attrs: { onclick: 'alert(11)' } }, { type: 'iframe' }]))
    );
    const html = render(hostile);
    expect(unsafeMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/evil\.example|class="evil"|href="(?!https:)/);
    // The words stay, as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('ссылка');
    expect(html).toContain('svg text');
    expect(html).toContain('<h3>Заголовок</h3>');
  });

  it('PB2 the sanitiser alone removes what a renderer bug could let through', () => {
    const html = sanitizeContent(
      '<p onclick="x()">a</p><script>alert(1)</script><svg><script>alert(2)</script></svg>' +
        '<a href="javascript:alert(3)">b</a><a href="vbscript:x">c</a><img src="https://x/y.png">' +
        '<iframe src="https://x"></iframe><style>body{}</style><math><mi>x</mi></math>'
    );
    expect(html).toBe('<p>a</p><a>b</a><a>c</a>');
  });

  it('PB2 absurdly deep nesting is cut, not a crash', () => {
    let node: PmNode = text('глубоко');
    for (let i = 0; i < 5000; i++) node = { type: 'blockquote', content: [node] };
    expect(() => render(doc(node))).not.toThrow();
    expect(plainText(doc(node))).toBe('');
  });

  it('PB2 links to other documents point at their public page only when they are published', () => {
    const node = doc(
      p({ type: 'docLink', attrs: { docId: 'a' } }, text(' и '), {
        type: 'docLink',
        attrs: { docId: 'private', label: 'Личный план' }
      })
    );
    const html = render(node, {
      docLink: (id) =>
        id === 'a' ? { href: '/p/set/a-12345678', title: 'Опубликованный <b>' } : null
    });
    expect(html).toBe(
      '<p><a href="/p/set/a-12345678">Опубликованный &lt;b&gt;</a> и <span>другой материал</span></p>'
    );
  });

  it('PB9 JSON in a script block cannot close it; XML drops characters it cannot hold', () => {
    const json = jsonForScript({ name: '</script><script>alert(1)</script>', x: '\u2028' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json).name).toBe('</script><script>alert(1)</script>');
    expect(escapeXml('a\u0000b\u0007c<&>\uD800')).toBe('abc&lt;&amp;&gt;');
  });
});

describe('rendering pictures and files', () => {
  const HASH = 'ab'.repeat(32);
  const fileHref = (hash: string) => `/p/set/files/${hash}`;
  const image = (attrs: Record<string, unknown>): PmNode => ({ type: 'image', attrs });

  it('PB19 an image with a SHA-256 hash becomes a lazy <figure><img> from the site, alt escaped, sized when known', () => {
    const html = render(
      doc(
        image({ hash: HASH, alt: 'Барыня "в кокошнике" <script>', width: 640, height: '360' }),
        image({ hash: HASH, alt: '', width: 640, height: null })
      ),
      { fileHref }
    );
    expect(html).toBe(
      `<figure><img src="/p/set/files/${HASH}" alt="Барыня &quot;в кокошнике&quot; &lt;script&gt;" width="640" height="360" loading="lazy" decoding="async" /></figure>` +
        `<figure><img src="/p/set/files/${HASH}" alt="" loading="lazy" decoding="async" /></figure>`
    );
    expect(unsafeMarkup(html)).toEqual([]);
  });

  it('PB19 an image whose hash is not one, or that names a URL, renders nothing', () => {
    const html = render(
      doc(
        p(text('до')),
        image({ hash: 'javascript:alert(1)' }),
        image({ hash: 'https://evil.example/x.png' }),
        image({ hash: HASH.toUpperCase() }),
        image({ hash: `${HASH}/../x` }),
        image({ src: 'https://evil.example/x.png' }),
        image({ hash: HASH, width: '1" onerror="alert(2)', height: 5 }),
        p(text('после'))
      ),
      { fileHref }
    );
    expect(html).toBe(
      '<p>до</p>' +
        `<figure><img src="/p/set/files/${HASH}" alt="" loading="lazy" decoding="async" /></figure>` +
        '<p>после</p>'
    );
    // Without a file route (any other view of the content) no picture is shown at all.
    expect(render(doc(image({ hash: HASH })))).toBe('');
  });

  it('PB19 the sanitiser lets an <img> through only from a published-file address, with known attributes', () => {
    const html = sanitizeContent(
      `<img src="/p/set/files/${HASH}" alt="a" onerror="x()" style="x" loading="eager" decoding="sync">` +
        `<img src="https://evil.example/${HASH}">` +
        `<img src="/api/workspaces/w/blobs/${HASH}">` +
        `<img src="/p/set/files/${HASH}?x=1">` +
        `<img src="//evil.example/p/set/files/${HASH}">` +
        `<img src="javascript:alert(1)">` +
        `<img src="/p/set/files/${HASH}" width="100%">`
    );
    expect(html).toBe(`<img src="/p/set/files/${HASH}" alt="a" loading="lazy" decoding="async" />`);
  });

  it('PB20 a file becomes a download link under its name; a bad hash renders nothing', () => {
    const html = render(
      doc(
        { type: 'attachment', attrs: { hash: HASH, name: 'Программа <занятия>/1.pdf' } },
        { type: 'attachment', attrs: { hash: 'x', name: 'Секрет.pdf' } }
      ),
      { fileHref }
    );
    expect(html).toBe(
      `<p class="file"><a href="/p/set/files/${HASH}" download="Программа &lt;занятия&gt;_1.pdf">Программа &lt;занятия&gt;_1.pdf</a></p>`
    );
  });
});
