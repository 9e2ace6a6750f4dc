// @vitest-environment jsdom
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sanitizeImportedHtml } from '../../../src/lib/transfer/sanitizeHtml.ts';
import { htmlToContent } from '../../../src/lib/transfer/htmlToContent.ts';
import { sha256Hex } from '../../../src/lib/shared/files/hash.ts';
import {
  IMPORT_MAX_BYTES,
  ImportError,
  importFile,
  type ImageStore,
  type ImportSource
} from '../../../src/lib/transfer/importFile.ts';
import { toMarkdown } from '../../../src/lib/transfer/markdownExport.ts';
import { docx, para, picture, png } from './docx.ts';
import { doc, li, masterClass, p, task, text } from './fixtures.ts';

const source = (name: string, data: string | Uint8Array): ImportSource => {
  const bytes = typeof data === 'string' ? strToU8(data) : data;
  return {
    name,
    size: bytes.byteLength,
    bytes: async () => bytes.slice().buffer
  };
};

async function problemOf(file: ImportSource): Promise<string> {
  try {
    await importFile(file);
    return 'none';
  } catch (error) {
    return error instanceof ImportError ? error.problem : `unexpected: ${String(error)}`;
  }
}

describe('Markdown import', () => {
  it('TR4 reads Russian Markdown: the first heading becomes the title, the rest the text', async () => {
    const md = [
      '# Дымковская игрушка',
      '',
      '## Ход занятия',
      '',
      'Дети лепят **барыню** и *водоноску*, см. [сайт](https://museum.example.ru).',
      '',
      '- глина',
      '- темпера',
      '',
      'План:',
      '',
      '- [x] Закупить глину',
      '- [ ] Пригласить родителей',
      '',
      '> Игрушка — это радость.',
      '',
      '```',
      'этап = 1',
      '```'
    ].join('\n');
    const result = await importFile(source('занятие.md', md));
    expect(result.title).toBe('Дымковская игрушка');
    const types = (result.content.content as { type: string }[]).map((n) => n.type);
    expect(types).toEqual([
      'heading',
      'paragraph',
      'bulletList',
      'paragraph',
      'taskList',
      'blockquote',
      'codeBlock'
    ]);
    const back = toMarkdown(result.content);
    expect(back).toContain(
      'Дети лепят **барыню** и *водоноску*, см. [сайт](<https://museum.example.ru>).'
    );
    expect(back).toContain('- [x] Закупить глину\n- [ ] Пригласить родителей');
  });

  it('TR4 a Markdown export reads back into the same document', async () => {
    const md = toMarkdown(masterClass, { title: 'Дымковская игрушка' });
    const result = await importFile(source('x.md', md));
    expect(result.title).toBe('Дымковская игрушка');
    // The document link becomes plain text (it names a document of another workspace), the
    // hostile link was already dropped; everything else is the same.
    expect(toMarkdown(result.content)).toBe(toMarkdown(masterClass).replace(/^# .*\n\n/, ''));
  });

  it('TR4 two lists in a row stay two lists after export and import', async () => {
    const twoLists = doc(
      { type: 'bulletList', content: [li(p(text('глина')))] },
      { type: 'taskList', content: [task(false, 'Купить глину')] }
    );
    const result = await importFile(source('x.md', toMarkdown(twoLists)));
    expect(result.content).toEqual(twoLists);
  });

  it('TR4 without a heading the title is the file name', async () => {
    const result = await importFile(source('План_работы.md', 'Просто текст.'));
    expect(result.title).toBe('План работы');
  });
});

describe('sanitising imported HTML', () => {
  it('TR5 drops script, event handlers, styles and javascript: links, keeps the text', () => {
    const html =
      '<h1 onclick="alert(1)">Заголовок</h1><script>alert(2)</script>' +
      '<p style="color:red" onmouseover="alert(3)">Текст <a href="javascript:alert(4)">ссылка</a>' +
      ' <a href="JaVaScRiPt:alert(5)">вторая</a> <a href="https://ok.example">хорошая</a></p>' +
      '<img src=x onerror="alert(6)"><iframe src="https://evil.example"></iframe>' +
      '<svg><script>alert(7)</script></svg><style>p{}</style>';
    const clean = sanitizeImportedHtml(html);
    expect(clean).not.toMatch(/script|alert|onclick|onmouseover|onerror|style|iframe|javascript/i);
    expect(clean).toContain('Заголовок');
    expect(clean).toContain('<a href="https://ok.example">хорошая</a>');
    const content = JSON.stringify(htmlToContent(html));
    expect(content).not.toMatch(/javascript|alert/i);
    expect(content).toContain('"href":"https://ok.example"');
  });

  it('TR5 raw HTML inside Markdown is sanitised the same way', async () => {
    const md =
      'Текст <img src=x onerror=alert(1)> и <a href="javascript:alert(2)">ссылка</a>\n\n<script>alert(3)</script>';
    const result = await importFile(source('a.md', md));
    expect(JSON.stringify(result.content)).not.toMatch(/alert|javascript|onerror/);
    expect(JSON.stringify(result.content)).toContain('ссылка');
  });
});

describe('.docx import', () => {
  it('TR6 reads a Word document: heading as title, paragraphs and bold text', async () => {
    const file = docx(
      para('Методическая разработка', 'Heading1') +
        para('Цель: знакомство с народным промыслом.') +
        para('Важно', undefined, '<w:rPr><w:b/></w:rPr>')
    );
    const result = await importFile(source('разработка.docx', file));
    expect(result.title).toBe('Методическая разработка');
    expect(toMarkdown(result.content)).toBe(
      'Цель: знакомство с народным промыслом.\n\n**Важно**\n'
    );
    expect(result.skippedImages).toBe(0);
  });

  /** The blob store's contract in memory: keeps PNG bytes under their SHA-256, refuses others. */
  class MemoryImages implements ImageStore {
    readonly kept = new Map<string, { bytes: Uint8Array; type: string }>();
    async put(bytes: Uint8Array, type: string) {
      if (type !== 'image/png') return null;
      const hash = await sha256Hex(bytes);
      this.kept.set(hash, { bytes, type });
      return { hash, width: 320, height: 240 };
    }
  }

  it('TR16 pictures of a Word document are stored by hash and become image nodes', async () => {
    const file = docx(para('До рисунка.') + picture(0) + para('После рисунка.'), {
      'image1.png': png
    });
    const images = new MemoryImages();
    const result = await importFile(source('фото.docx', file), images);
    const hash = await sha256Hex(png);
    expect(result.skippedImages).toBe(0);
    expect(images.kept.get(hash)).toEqual({ bytes: png, type: 'image/png' });
    expect(result.content.content).toEqual([
      p(text('До рисунка.')),
      { type: 'image', attrs: { hash, alt: 'Барыня', width: 320, height: 240 } },
      p(text('После рисунка.'))
    ]);
  });

  it('TR16 a picture the store does not keep is counted; hashes written into Markdown are dropped', async () => {
    const file = docx(para('Текст.') + picture(0), { 'image1.emf': png });
    const result = await importFile(source('схема.docx', file), new MemoryImages());
    expect(result.skippedImages).toBe(1);
    expect(JSON.stringify(result.content)).not.toContain('"image"');
    const forged = `Текст\n\n<img data-hash="${'a'.repeat(64)}" alt="чужой">\n\n![веб](https://evil.example/x.png)\n`;
    const md = await importFile(source('заметка.md', forged), new MemoryImages());
    expect(JSON.stringify(md.content)).not.toMatch(/"image"|evil\.example/);
  });

  it('TR6 pictures in a Word document are counted and left out, the text around them kept', async () => {
    const file = docx(para('До рисунков.') + picture(0) + picture(1) + para('После рисунков.'), {
      'image1.png': png,
      'image2.png': png
    });
    const result = await importFile(source('фото.docx', file));
    expect(result.skippedImages).toBe(2);
    expect(toMarkdown(result.content)).toBe('До рисунков.\n\nПосле рисунков.\n');
  });

  it('TR7 refuses a broken .docx, an unsupported type and a too large file with a reason', async () => {
    expect(await problemOf(source('сломанный.docx', 'это не zip'))).toBe('broken');
    expect(await problemOf(source('пустой.md', '  \n\n---\n'))).toBe('empty');
    expect(await problemOf(source('фото.png', new Uint8Array([1, 2, 3])))).toBe('unsupported');
    expect(
      await problemOf({
        name: 'большой.md',
        size: IMPORT_MAX_BYTES + 1,
        bytes: async () => new ArrayBuffer(0)
      })
    ).toBe('tooLarge');
    expect(await problemOf(source('latin1.md', new Uint8Array([0xff, 0xfe, 0xfd])))).toBe('broken');
  });
});
