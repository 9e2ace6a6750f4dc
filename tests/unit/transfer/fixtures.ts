import type { PmNode } from '../../../src/lib/transfer/pmNode.ts';

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
