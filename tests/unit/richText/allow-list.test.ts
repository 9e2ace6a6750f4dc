// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeContent } from '../../../server/publishing/render/sanitize.ts';
import { isSafeHref } from '../../../src/lib/shared/richText/safeHref.ts';
import {
  IMPORT_ALLOW_LIST,
  LINK_SCHEMES,
  PUBLIC_PAGE_ALLOW_LIST
} from '../../../src/lib/shared/richText/allowList.ts';
import { renderHtml } from '../../../src/lib/shared/richText/renderHtml.ts';
import { sanitizeImportedHtml } from '../../../src/lib/transfer/sanitizeHtml.ts';
import type { PmNode } from '../../../src/lib/shared/richText/pmNode.ts';
import { tagsOf } from '../publishing/markup.ts';
import { text } from '../transfer/fixtures.ts';

const HASH = 'cd'.repeat(32);
/** One of every node and mark the renderer knows, with every option that adds markup on. */
const everything: PmNode = {
  type: 'doc',
  content: [
    ...[1, 2, 3, 4, 5].map((level) => ({ type: 'heading', attrs: { level }, content: [] })),
    {
      type: 'paragraph',
      content: [
        text(
          'всё',
          ...['bold', 'italic', 'strike', 'underline', 'code', 'subscript', 'superscript'].map(
            (type) => ({ type })
          )
        ),
        { type: 'text', text: 'сайт', marks: [{ type: 'link', attrs: { href: 'https://a.b' } }] },
        { type: 'hardBreak' },
        { type: 'docLink', attrs: { docId: 'a' } },
        { type: 'docLink', attrs: { docId: 'b' } }
      ]
    },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [text('цитата')] }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [text('пункт')] }] },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [{ type: 'listItem', content: [text('шаг')] }]
    },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [text('готово')] },
        { type: 'taskItem', attrs: { checked: false }, content: [text('нет')] }
      ]
    },
    { type: 'codeBlock', content: [text('код')] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [{ type: 'tableHeader', attrs: { colspan: 2 }, content: [text('шапка')] }]
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', attrs: { rowspan: 2 }, content: [text('а')] },
            { type: 'tableCell', content: [text('б')] }
          ]
        }
      ]
    },
    { type: 'image', attrs: { hash: HASH, alt: 'а', width: 10, height: 10 } },
    { type: 'attachment', attrs: { hash: HASH, name: 'план.pdf' } }
  ]
};

describe('the shared HTML allow-list', () => {
  it('XS3 everything the renderer writes for a public page is inside the public allow-list', () => {
    const html = renderHtml(everything, {
      docLink: (id) => (id === 'a' ? { href: '/p/s/a', title: 'А' } : null),
      imageSrc: (h) => `/p/s/files/${h}`,
      fileHref: (h) => `/p/s/files/${h}`,
      imagesFromNetwork: true,
      markDoneTasks: true,
      linkRel: () => 'nofollow noopener noreferrer'
    });
    const tags = tagsOf(html);
    expect(new Set(tags.map((t) => t.name))).toEqual(new Set(PUBLIC_PAGE_ALLOW_LIST.tags));
    for (const { name, attrs } of tags) {
      for (const [attr, value] of Object.entries(attrs)) {
        expect(PUBLIC_PAGE_ALLOW_LIST.attributes[name], `${name}[${attr}]`).toContain(attr);
        if (attr === 'class')
          for (const c of value.split(' '))
            expect(PUBLIC_PAGE_ALLOW_LIST.classes[name], `${name}.${c}`).toContain(c);
      }
    }
    // So the public sanitiser, configured from that list, keeps every element of it.
    expect(tagsOf(sanitizeContent(html)).map((t) => t.name)).toEqual(tags.map((t) => t.name));
  });

  it('XS3 the page and the import differ only where declared, and each sanitiser follows its list', () => {
    const onlyPage = PUBLIC_PAGE_ALLOW_LIST.tags.filter((t) => !IMPORT_ALLOW_LIST.tags.includes(t));
    const onlyImport = IMPORT_ALLOW_LIST.tags.filter(
      (t) => !PUBLIC_PAGE_ALLOW_LIST.tags.includes(t)
    );
    expect(onlyPage.sort()).toEqual(['figure', 'span', 'sub', 'sup']);
    expect(onlyImport.sort()).toEqual(['b', 'del', 'h1', 'i', 'input', 'tfoot', 'thead']);
    const sample =
      '<h1>Тема</h1><p><b>ж</b><sub>2</sub><span class="box">с</span></p>' +
      '<figure><img src="/p/s/files/x" data-hash="h" alt="а"></figure><textarea>скрыто</textarea>';
    expect(sanitizeContent(sample)).toBe(
      'Тема<p>ж<sub>2</sub><span class="box">с</span></p><figure></figure>'
    );
    expect(sanitizeImportedHtml(sample)).toBe('<h1>Тема</h1><p><b>ж</b>2с</p>');
  });

  it('XS3 links keep to the declared schemes on both sides', () => {
    for (const scheme of LINK_SCHEMES) expect(isSafeHref(`${scheme}:x@y.z`)).toBe(true);
    for (const scheme of ['javascript', 'data', 'vbscript', 'file', 'ftp'])
      expect(isSafeHref(`${scheme}:x`)).toBe(false);
    const links = '<a href="https://a.b">1</a><a href="ftp://a.b">2</a><a href="data:x">3</a>';
    expect(sanitizeContent(links)).toBe('<a href="https://a.b">1</a><a>2</a><a>3</a>');
    expect(sanitizeImportedHtml(links)).toBe('<a href="https://a.b">1</a><a>2</a><a>3</a>');
  });
});
