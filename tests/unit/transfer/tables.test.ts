// @vitest-environment jsdom
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sanitizeContent } from '../../../server/publishing/render/sanitize.ts';
import { renderHtml } from '../../../src/lib/shared/richText/renderHtml.ts';
import { checkContent } from '../../../src/lib/transfer/htmlToContent.ts';
import { importFile, type ImportSource } from '../../../src/lib/transfer/importFile.ts';
import { toMarkdown } from '../../../src/lib/transfer/markdownExport.ts';
import type { PmNode } from '../../../src/lib/shared/richText/pmNode.ts';
import { toHtmlFile } from '../../../src/lib/transfer/htmlExport.ts';
import { docx, para } from './docx.ts';
import { cell, doc, p, row, schedule, table, text } from './fixtures.ts';

const source = (name: string, data: string | Uint8Array): ImportSource => {
  const bytes = typeof data === 'string' ? strToU8(data) : data;
  return { name, size: bytes.byteLength, bytes: async () => bytes.slice().buffer };
};

function tablesIn(root: PmNode): PmNode[] {
  return ((root.content as PmNode[]) ?? []).filter((n) => n.type === 'table');
}

describe('tables', () => {
  it('TB1 a Markdown table imports as a table with its header row, not flattened text', async () => {
    const md = '# Подвижные игры\n\n| Игра | Возраст |\n| --- | --- |\n| Горелки | 7+ |\n';
    const result = await importFile(source('игры.md', md));
    const [found] = tablesIn(result.content);
    expect(found).toEqual(
      table(
        row(cell('tableHeader', p(text('Игра'))), cell('tableHeader', p(text('Возраст')))),
        row(cell('tableCell', p(text('Горелки'))), cell('tableCell', p(text('7+'))))
      )
    );
  });

  it('TB2 Markdown export writes a GFM table that reads back the same; one GFM cannot carry goes as HTML', async () => {
    const content = checkContent(doc(p(text('Расписание:')), schedule));
    const md = toMarkdown(content, { title: 'Игры' });
    expect(md).toContain(
      '| Игра | Возраст |\n| --- | --- |\n| Горелки | 7+ |\n| **Ручеёк** | 5 \\| 6 лет |'
    );
    expect((await importFile(source('игры.md', md))).content).toEqual(content);

    // No header row and a merged cell: only HTML keeps that.
    const merged = checkContent(
      doc(
        table(
          row({
            ...cell('tableCell', p(text('Итого'))),
            attrs: { colspan: 2, rowspan: 1, colwidth: null }
          }),
          row(cell('tableCell', p(text('а'))), cell('tableCell', p(text('б'))))
        )
      )
    );
    const mergedMd = toMarkdown(merged, { title: 'Итоги' });
    expect(mergedMd).toContain('<table><tbody><tr><td colspan="2"><p>Итого</p></td></tr>');
    expect((await importFile(source('итоги.md', mergedMd))).content).toEqual(merged);
  });

  it('TB3 a Word table imports as a table, its header row as header cells', async () => {
    const tc = (t: string) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const body =
      para('План занятий', 'Heading1') +
      '<w:tbl>' +
      `<w:tr><w:trPr><w:tblHeader/></w:trPr>${tc('Этап')}${tc('Минуты')}</w:tr>` +
      `<w:tr>${tc('Лепка')}${tc('20')}</w:tr>` +
      '</w:tbl>';
    const result = await importFile(source('план.docx', docx(body)));
    expect(result.title).toBe('План занятий');
    expect(tablesIn(result.content)).toEqual([
      table(
        row(cell('tableHeader', p(text('Этап'))), cell('tableHeader', p(text('Минуты')))),
        row(cell('tableCell', p(text('Лепка'))), cell('tableCell', p(text('20'))))
      )
    ]);
  });

  it('TB4 the public page and the HTML export show a table; spans are bounded numbers', () => {
    const hostile = table(
      row({
        type: 'tableCell',
        attrs: { colspan: '2" onclick="x()', rowspan: 100_000 },
        content: [p(text('ячейка'))]
      })
    );
    const html = renderHtml(doc(schedule, hostile));
    expect(html).toBe(
      '<table><tbody><tr><th><p>Игра</p></th><th><p>Возраст</p></th></tr>' +
        '<tr><td><p>Горелки</p></td><td><p>7+</p></td></tr>' +
        '<tr><td><p><strong>Ручеёк</strong></p></td><td><p>5 | 6 лет</p></td></tr></tbody></table>' +
        '<table><tbody><tr><td><p>ячейка</p></td></tr></tbody></table>'
    );
    expect(
      sanitizeContent(
        renderHtml(doc(table(row({ ...cell('tableCell', p(text('x'))), attrs: { colspan: 3 } }))))
      )
    ).toBe('<table><tbody><tr><td colspan="3"><p>x</p></td></tr></tbody></table>');
    expect(toHtmlFile(doc(schedule), { title: 'Игры' })).toContain(
      '<tr><th><p>Игра</p></th><th><p>Возраст</p></th></tr>'
    );
  });
});
