// @vitest-environment jsdom
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/lib/shared/files/hash.ts';
import type { ExportMeta } from '../../../src/lib/transfer/documentFields.ts';
import { toDocx } from '../../../src/lib/transfer/docxExport.ts';
import { checkContent } from '../../../src/lib/transfer/htmlToContent.ts';
import {
  creationOptions,
  importFile,
  type ImageStore
} from '../../../src/lib/transfer/importFile.ts';
import type { PmNode } from '../../../src/lib/shared/richText/pmNode.ts';
import { png } from './docx.ts';
import { bold, doc, h, italic, li, link, p, schedule, text } from './fixtures.ts';

const meta: ExportMeta = {
  type: 'masterClass',
  tags: ['народные промыслы', 'глина'],
  fields: { audienceAge: '7–10 лет', duration: '2 часа', author: 'Анна Лобанова' }
};

async function lesson(): Promise<{ content: PmNode; hash: string; bytes: Uint8Array }> {
  const bytes = png;
  const hash = await sha256Hex(bytes);
  const content = checkContent(
    doc(
      h(1, 'Ход занятия'),
      p(
        text('Дети лепят '),
        text('барыню', bold),
        text(' и '),
        text('водоноску', italic),
        text(', см. '),
        text('сайт музея', link('https://museum.example.ru/dymka')),
        text('.')
      ),
      h(2, 'Материалы'),
      { type: 'bulletList', content: [li(p(text('глина'))), li(p(text('темпера')))] },
      {
        type: 'orderedList',
        attrs: { start: 1 },
        content: [li(p(text('Лепим'))), li(p(text('Сушим')))]
      },
      schedule,
      { type: 'image', attrs: { hash, alt: 'Готовая барыня', width: 640, height: 480 } }
    )
  );
  return { content, hash, bytes };
}

/** The device's blob store in memory: hashes what the import hands it. */
function memoryStore(): ImageStore & { hashes: string[] } {
  const hashes: string[] = [];
  return {
    hashes,
    put: async (bytes) => {
      const hash = await sha256Hex(bytes);
      hashes.push(hash);
      return { hash, width: 640, height: 480 };
    }
  };
}

describe('Word export', () => {
  it('WD1 a .docx carries the title, fields, tags, headings, lists, a table, links and the picture (read back with mammoth)', async () => {
    const { content, hash, bytes } = await lesson();
    const file = await toDocx(content, {
      title: 'Дымковская игрушка',
      meta,
      images: new Map([[hash, { type: 'image/png', bytes }]])
    });
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(file) });
    expect(html).toContain('<h1>Дымковская игрушка</h1>');
    expect(html).toContain(
      '<table><tr><td><p>Тип документа</p></td><td><p>Мастер-класс</p></td></tr>' +
        '<tr><td><p>Возраст участников</p></td><td><p>7–10 лет</p></td></tr>'
    );
    expect(html).toContain('<td><p>Метки</p></td><td><p>народные промыслы, глина</p></td>');
    expect(html).toContain('<h2>Ход занятия</h2>');
    expect(html).toContain('<h3>Материалы</h3>');
    expect(html).toContain('<strong>барыню</strong>');
    expect(html).toContain('<em>водоноску</em>');
    expect(html).toContain('<a href="https://museum.example.ru/dymka">сайт музея</a>');
    expect(html).toContain('<ul><li>глина</li><li>темпера</li></ul>');
    expect(html).toContain('<ol><li>Лепим</li><li>Сушим</li></ol>');
    expect(html).toContain('<thead><tr><th><p>Игра</p></th><th><p>Возраст</p></th></tr></thead>');
    const img = /<img [^>]*>/.exec(html)?.[0] ?? '';
    expect(img).toContain('alt="Готовая барыня"');
    expect(img).toContain(`src="data:image/png;base64,${Buffer.from(bytes).toString('base64')}"`);
  });

  it('WD2 export → import: the same text, table and picture, with its type, tags and fields', async () => {
    const { content, hash, bytes } = await lesson();
    const file = await toDocx(content, {
      title: 'Дымковская игрушка',
      meta,
      images: new Map([[hash, { type: 'image/png', bytes }]])
    });
    const store = memoryStore();
    const back = await importFile(
      { name: 'игрушка.docx', size: file.byteLength, bytes: async () => file.slice().buffer },
      store
    );
    expect(back.title).toBe('Дымковская игрушка');
    expect(store.hashes).toEqual([hash]);
    expect(back.content).toEqual(content);
    expect(creationOptions(back.meta)).toEqual({
      type: 'masterClass',
      tags: meta.tags,
      fields: meta.fields
    });
  });
});
