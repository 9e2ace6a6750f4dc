import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { contentExtensions } from '../../../src/lib/editor/createEditor.ts';
import { readBlocks } from '../../../src/lib/editor/history/readBlocks.ts';
import { diffContent, type DiffPart } from '../../../src/lib/shared/model/history/textDiff.ts';

const schema = getSchema(contentExtensions());
const titles: Record<string, string> = { plan2026: 'План на 2026 год' };
const read = (content: unknown[]) =>
  readBlocks(Node.fromJSON(schema, { type: 'doc', content }), (id) =>
    typeof id === 'string' ? (titles[id] ?? 'другой документ') : 'другой документ'
  );

const text = (t: string, marks?: unknown[]) => ({
  type: 'text',
  text: t,
  ...(marks ? { marks } : {})
});
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const h = (level: number, t: string) => ({ type: 'heading', attrs: { level }, content: [text(t)] });
const cell = (type: string, t: string) => ({ type, content: [p(text(t))] });
const row = (type: string, ...cells: string[]) => ({
  type: 'tableRow',
  content: cells.map((c) => cell(type, c))
});
const link = (href: string) => ({ type: 'link', attrs: { href } });

/** A part as a person reads it: its words, how they changed and how they look. */
const seen = (parts: DiffPart[]) =>
  parts.map((x) => ({ text: x.text, change: x.change, marks: x.marks, href: x.href }));

describe('comparing versions keeps the form of the text', () => {
  it('VH10 headings keep their level, list items their list and marker, a change of form is named', () => {
    const before = read([
      p(text('Цель занятия')),
      { type: 'orderedList', content: [{ type: 'listItem', content: [p(text('Глина'))] }] },
      {
        type: 'taskList',
        content: [{ type: 'taskItem', attrs: { checked: false }, content: [p(text('Краски'))] }]
      }
    ]);
    const after = read([
      h(2, 'Цель занятия'),
      {
        type: 'orderedList',
        content: [
          { type: 'listItem', content: [p(text('Стеки'))] },
          { type: 'listItem', content: [p(text('Глина'))] }
        ]
      },
      {
        type: 'taskList',
        content: [{ type: 'taskItem', attrs: { checked: true }, content: [p(text('Краски'))] }]
      }
    ]);
    const blocks = diffContent(before, after);
    expect(blocks.map((b) => [b.kind, b.shape.type, b.shape.level, b.marker])).toEqual([
      ['changed', 'heading', 2, ''],
      ['added', 'item', 0, '1.'],
      // Renumbered, not changed: the number is not part of the comparison.
      ['same', 'item', 0, '2.'],
      ['changed', 'item', 0, '☑']
    ]);
    expect(blocks[0]!.formerShape?.type).toBe('paragraph');
    expect(blocks[0]!.parts.map((x) => x.change)).toEqual(['same']);
    expect(blocks[1]!.shape.list).toBe('ordered');
    expect(blocks[3]!.shape).toMatchObject({ list: 'task', checked: true });
    expect(blocks[3]!.formerShape).toMatchObject({ checked: false });
  });

  it('VH10 links, document links and marks are shown with their words, and a word made bold is a change', () => {
    const before = read([
      p(
        text('Смотрите '),
        text('сайт музея', [link('https://museum.example.ru')]),
        text(' и план.')
      )
    ]);
    const after = read([
      p(
        text('Смотрите '),
        text('сайт музея', [link('https://museum.example.ru')]),
        text(' и '),
        text('план', [{ type: 'bold' }]),
        text(': '),
        { type: 'docLink', attrs: { docId: 'plan2026' } },
        text('.')
      )
    ]);
    const [block] = diffContent(before, after);
    expect(block!.kind).toBe('changed');
    expect(seen(block!.parts)).toEqual([
      { text: 'Смотрите ', change: 'same', marks: [], href: null },
      { text: 'сайт музея', change: 'same', marks: [], href: 'https://museum.example.ru' },
      { text: ' и ', change: 'same', marks: [], href: null },
      { text: 'план', change: 'removed', marks: [], href: null },
      { text: 'план', change: 'added', marks: ['bold'], href: null },
      { text: ': ', change: 'added', marks: [], href: null },
      { text: 'План на 2026 год', change: 'added', marks: [], href: '/doc?id=plan2026' },
      { text: '.', change: 'same', marks: [], href: null }
    ]);
    expect(block!.parts.find((x) => x.kind === 'docLink')).toBeDefined();
  });

  it('VH10 a link that was unsafe never gets an address; a changed address is a change', () => {
    const before = read([p(text('сайт', [link('https://old.example.ru')]))]);
    const after = read([p(text('сайт', [link('javascript:alert(1)')]))]);
    const [block] = diffContent(before, after);
    expect(seen(block!.parts)).toEqual([
      { text: 'сайт', change: 'removed', marks: [], href: 'https://old.example.ru' },
      { text: 'сайт', change: 'added', marks: [], href: null }
    ]);
  });

  it('VH10 a table compares row by row and cell by cell, its header row kept', () => {
    const table = (...rows: unknown[]) => ({ type: 'table', content: rows });
    const before = read([
      table(row('tableHeader', 'Время', 'Занятие'), row('tableCell', '10:00', 'Лепка'))
    ]);
    const after = read([
      table(
        row('tableHeader', 'Время', 'Занятие'),
        row('tableCell', '10:00', 'Роспись'),
        row('tableCell', '11:00', 'Сушка')
      ),
      p(text('После таблицы.'))
    ]);
    const blocks = diffContent(before, after);
    expect(blocks.map((b) => [b.kind, b.shape.type, b.table])).toEqual([
      ['same', 'row', 0],
      ['changed', 'row', 0],
      ['added', 'row', 0],
      ['added', 'paragraph', -1]
    ]);
    expect(blocks[0]!.shape.header).toEqual([true, true]);
    expect(blocks[0]!.cells.map((c) => c.map((x) => x.text).join(''))).toEqual([
      'Время',
      'Занятие'
    ]);
    expect(blocks[1]!.shape.header).toEqual([false, false]);
    expect(blocks[1]!.cells.map(seen)).toEqual([
      [{ text: '10:00', change: 'same', marks: [], href: null }],
      [
        { text: 'Лепка', change: 'removed', marks: [], href: null },
        { text: 'Роспись', change: 'added', marks: [], href: null }
      ]
    ]);
    expect(blocks[2]!.cells.map((c) => c.map((x) => [x.text, x.change]))).toEqual([
      [['11:00', 'added']],
      [['Сушка', 'added']]
    ]);
  });

  it('VH10 quotes, code, pictures and files are blocks of their own kind', () => {
    const blocks = read([
      { type: 'blockquote', content: [p(text('Цитата'))] },
      { type: 'codeBlock', content: [text('x = 1')] },
      { type: 'image', attrs: { hash: 'a'.repeat(64), alt: 'Готовая игрушка' } },
      { type: 'attachment', attrs: { hash: 'b'.repeat(64), name: 'план.pdf' } },
      { type: 'horizontalRule' }
    ]);
    expect(
      blocks.map((b) => [b.shape.type, b.shape.quote, b.runs.map((r) => r.text).join('')])
    ).toEqual([
      ['paragraph', true, 'Цитата'],
      ['code', false, 'x = 1'],
      ['image', false, 'Готовая игрушка'],
      ['file', false, 'план.pdf'],
      ['rule', false, '']
    ]);
  });
});
