import type { PmNode } from '../../../src/lib/shared/richText/pmNode.ts';

/** Builders for ProseMirror JSON in tests: Russian text from the network's own materials. */
export const text = (value: string, ...marks: PmNode[]): PmNode =>
  marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };
export const p = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
export const h = (level: number, value: string): PmNode => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)]
});
export const li = (...content: PmNode[]): PmNode => ({ type: 'listItem', content });
export const task = (checked: boolean, value: string): PmNode => ({
  type: 'taskItem',
  attrs: { checked },
  content: [p(text(value))]
});
export const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });
export const bold = { type: 'bold' };
export const italic = { type: 'italic' };
export const code = { type: 'code' };
export const link = (href: string) => ({ type: 'link', attrs: { href } });

export const masterClass = doc(
  h(2, 'Цель мастер-класса'),
  p(
    text('Познакомить детей с '),
    text('дымковской игрушкой', bold),
    text(' и '),
    text('традициями', italic),
    text(' Вятского края.')
  ),
  {
    type: 'bulletList',
    content: [li(p(text('глина'))), li(p(text('ангобы и темпера')))]
  },
  {
    type: 'orderedList',
    attrs: { start: 1 },
    content: [li(p(text('Лепим барыню'))), li(p(text('Сушим и белим')))]
  },
  {
    type: 'taskList',
    content: [task(true, 'Закупить глину'), task(false, 'Пригласить родителей')]
  },
  p(
    text('Подробнее на '),
    text('сайте музея', link('https://museum.example.ru/dymka')),
    text(', а '),
    text('вредная ссылка', link('javascript:alert(1)')),
    text(' остаётся текстом.')
  ),
  { type: 'blockquote', content: [p(text('«Игрушка — это радость», — говорил мастер.'))] },
  { type: 'codeBlock', attrs: { language: null }, content: [text('этап_1 = «лепка»')] },
  { type: 'horizontalRule' },
  p(
    text('См. также '),
    { type: 'docLink', attrs: { docId: 'plan1' } },
    text(' и команду '),
    text('npm', code)
  )
);

/** Table builders: cells carry the attributes the editor's schema gives them. */
export const cell = (type: 'tableHeader' | 'tableCell', ...content: PmNode[]): PmNode => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null },
  content: content.length > 0 ? content : [p()]
});
export const row = (...cells: PmNode[]): PmNode => ({ type: 'tableRow', content: cells });
export const table = (...rows: PmNode[]): PmNode => ({ type: 'table', content: rows });

/** A schedule of master classes, as a teacher writes one. */
export const schedule = table(
  row(cell('tableHeader', p(text('Игра'))), cell('tableHeader', p(text('Возраст')))),
  row(cell('tableCell', p(text('Горелки'))), cell('tableCell', p(text('7+')))),
  row(cell('tableCell', p(text('Ручеёк', bold))), cell('tableCell', p(text('5 | 6 лет'))))
);
