import { renderHtml } from '../shared/richText/renderHtml.ts';
import { childrenOf, intAttr, typeOf, type PmNode } from '../shared/richText/pmNode.ts';

/**
 * A table in Markdown. GFM's pipe table carries a header row and one line of text per cell; a
 * table it cannot carry (no header row, merged cells, lists or several paragraphs in a cell)
 * is written as an HTML table instead, which Markdown allows and the import reads back whole.
 */
export function tableMarkdown(table: PmNode, inline: (paragraph: PmNode) => string): string {
  const rows = childrenOf(table).filter((r) => typeOf(r) === 'tableRow');
  if (rows.length === 0) return '';
  const cells = rows.map((r) => childrenOf(r));
  if (!fitsPipeTable(cells)) return renderHtml({ type: 'doc', content: [table] });
  const width = Math.max(...cells.map((r) => r.length));
  const line = (row: PmNode[]) => {
    const texts = Array.from({ length: width }, (_, i) => {
      const paragraph = row[i] ? childrenOf(row[i]!)[0] : undefined;
      // A line break inside a cell would end the row; GFM readers take <br> there.
      return paragraph ? inline(paragraph).replace(/\\\n/g, '<br>') : '';
    });
    return `| ${texts.join(' | ')} |`;
  };
  return [
    line(cells[0]!),
    `|${' --- |'.repeat(width)}`,
    ...cells.slice(1).map((row) => line(row))
  ].join('\n');
}

function fitsPipeTable(rows: PmNode[][]): boolean {
  return rows.every((row, r) =>
    row.every((cell) => {
      const header = typeOf(cell) === 'tableHeader';
      if (header !== (r === 0)) return false;
      if ((intAttr(cell, 'colspan', 1, 1000) ?? 1) > 1) return false;
      if ((intAttr(cell, 'rowspan', 1, 1000) ?? 1) > 1) return false;
      const blocks = childrenOf(cell);
      return blocks.length <= 1 && blocks.every((b) => typeOf(b) === 'paragraph');
    })
  );
}
