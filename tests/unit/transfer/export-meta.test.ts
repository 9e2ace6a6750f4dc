// @vitest-environment jsdom
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toHtmlFile } from '../../../src/lib/transfer/htmlExport.ts';
import {
  creationOptions,
  importFile,
  type ImportSource
} from '../../../src/lib/transfer/importFile.ts';
import { markdownDownload } from '../../../src/lib/transfer/markdownBundle.ts';
import { toMarkdown } from '../../../src/lib/transfer/markdownExport.ts';
import type { ExportMeta } from '../../../src/lib/transfer/documentFields.ts';
import { doc, masterClass, p, text } from './fixtures.ts';

const source = (name: string, data: string): ImportSource => {
  const bytes = strToU8(data);
  return { name, size: bytes.byteLength, bytes: async () => bytes.slice().buffer };
};

const HASH = 'ab'.repeat(32);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2]);

const meta: ExportMeta = {
  type: 'masterClass',
  tags: ['народные промыслы', 'глина'],
  fields: {
    direction: 'decorativeArts',
    audienceAge: '7–10 лет',
    duration: '2 часа',
    materials: 'глина\nстеки\nтемпера',
    author: 'Анна Лобанова',
    date: '2027-03-15',
    // A field the type does not declare is never exported.
    secret: 'не для экспорта'
  }
};

describe('exports carry fields, tags and pictures', () => {
  it('EX1 Markdown front matter holds the title, type, tags and fields; the import reads them back', async () => {
    const md = toMarkdown(masterClass, { title: 'Дымковская игрушка', meta });
    expect(md.split('\n# Дымковская игрушка\n')[0]).toBe(
      [
        '---',
        'title: "Дымковская игрушка"',
        'type: masterClass # Мастер-класс',
        'tags:',
        '  - "народные промыслы"',
        '  - "глина"',
        'fields:',
        '  direction: "decorativeArts" # Направление',
        '  audienceAge: "7–10 лет" # Возраст участников',
        '  duration: "2 часа" # Продолжительность',
        '  materials: "глина\\nстеки\\nтемпера" # Необходимые материалы',
        '  author: "Анна Лобанова" # Автор',
        '  date: "2027-03-15" # Дата',
        '---',
        ''
      ].join('\n')
    );
    const back = await importFile(source('занятие.md', md));
    expect(back.title).toBe('Дымковская игрушка');
    const { secret: _, ...declared } = meta.fields;
    expect(creationOptions(back.meta)).toEqual({
      type: 'masterClass',
      tags: meta.tags,
      fields: declared
    });
    // The front matter does not leak into the text.
    expect(JSON.stringify(back.content)).not.toContain('masterClass');
  });

  it('EX2 the HTML export shows type, fields and tags as a table under the title', () => {
    const html = toHtmlFile(doc(p(text('Текст'))), { title: 'Дымковская игрушка', meta });
    const table = /<table class="fields">.*?<\/table>/s.exec(html)?.[0];
    expect(table).toBe(
      '<table class="fields"><tbody>' +
        '<tr><th scope="row">Тип документа</th><td>Мастер-класс</td></tr>' +
        '<tr><th scope="row">Направление</th><td>Декоративно-прикладное творчество</td></tr>' +
        '<tr><th scope="row">Возраст участников</th><td>7–10 лет</td></tr>' +
        '<tr><th scope="row">Продолжительность</th><td>2 часа</td></tr>' +
        '<tr><th scope="row">Необходимые материалы</th><td>глина\nстеки\nтемпера</td></tr>' +
        '<tr><th scope="row">Автор</th><td>Анна Лобанова</td></tr>' +
        '<tr><th scope="row">Дата</th><td>15 марта 2027 г.</td></tr>' +
        '<tr><th scope="row">Метки</th><td>народные промыслы, глина</td></tr>' +
        '</tbody></table>'
    );
    expect(html.indexOf('<h1>')).toBeLessThan(html.indexOf('<table class="fields">'));
    expect(html).not.toContain('не для экспорта');
  });

  it('EX3 one document with pictures downloads as a zip: the Markdown and files/, linked by relative path', async () => {
    const content = doc(
      p(text('Готовая барыня:')),
      { type: 'image', attrs: { hash: HASH, alt: 'Барыня [фото]', width: 640, height: 480 } },
      { type: 'image', attrs: { hash: 'cd'.repeat(32), alt: 'Не на устройстве' } }
    );
    const read = async (hash: string) =>
      hash === HASH ? { type: 'image/png', data: PNG.slice().buffer } : null;
    const file = await markdownDownload(
      content,
      { title: 'Барыня: лепка', meta },
      [HASH, 'cd'.repeat(32)],
      read
    );
    if (file.kind !== 'zip') throw new Error('expected a zip');
    expect(file.name).toBe('Барыня лепка.zip');
    const entries = unzipSync(file.bytes);
    expect(Object.keys(entries).sort()).toEqual(['files/' + HASH + '.png', 'Барыня лепка.md']);
    expect(entries[`files/${HASH}.png`]).toEqual(PNG);
    const md = strFromU8(entries['Барыня лепка.md']!);
    expect(md).toContain(`![Барыня \\[фото\\]](<files/${HASH}.png>)`);
    expect(md).toContain('\\[Не на устройстве\\]');

    const plain = await markdownDownload(
      doc(p(text('Без картинок'))),
      { title: 'Заметка' },
      [],
      read
    );
    expect(plain).toEqual({ kind: 'md', name: 'Заметка.md', text: '# Заметка\n\nБез картинок\n' });
  });
});
