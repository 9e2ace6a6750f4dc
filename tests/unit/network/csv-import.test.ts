import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translate, type MessageKey } from '../../../src/lib/shared/i18n/translate.ts';
import {
  CSV_MAX_BYTES,
  importInstitutions,
  describeCsvProblem,
  previewInstitutionsCsv,
  type CsvProblem
} from '../../../src/lib/shared/model/network/csvImport.ts';
import { decodeCsv, detectCsvEncoding } from '../../../src/lib/shared/model/network/csvEncoding.ts';
import { Institutions } from '../../../src/lib/shared/model/network/index.ts';
import { institution } from './fixtures.ts';

const say = (p: CsvProblem) => {
  const text = translate('ru', p.key as MessageKey, p.values);
  return p.column ? `${p.column}: ${text}` : text;
};

const GOOD = [
  '\uFEFFНазвание;Вид;Адрес;Сайт;Направления',
  'Библиотека им. Лиханова;библиотека;г. Белгород;likhanov-lib.ru;"Театр; музыка"',
  '"Музей народной культуры; Белгород";Музей;;;народная культура',
  '',
  'Институт культуры;вуз;;https://bgiki.ru;'
].join('\n');

describe('CSV import of institutions', () => {
  it('NW9 a good file is previewed and imported in one transaction', () => {
    const doc = new Y.Doc();
    const store = new Institutions(doc);
    const preview = previewInstitutionsCsv(GOOD, store);
    expect(preview.errorCount).toBe(0);
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(preview.rows[0]!.values).toMatchObject({
      name: 'Библиотека им. Лиханова',
      kind: 'library',
      website: 'https://likhanov-lib.ru',
      directions: ['theatre', 'music']
    });
    expect(preview.rows[1]!.values.name).toBe('Музей народной культуры; Белгород');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const result = importInstitutions(store, GOOD);
    expect(result.ok).toBe(true);
    expect(transactions).toBe(1);
    expect(
      store
        .all()
        .map((i) => i.kind)
        .sort()
    ).toEqual(['library', 'museum', 'university']);
  });

  it('NW10 bad rows are listed with Russian messages and nothing is imported', () => {
    const store = new Institutions(new Y.Doc());
    store.create(institution({ name: 'МБУДО «Юность»' }));
    const csv = [
      'Название,Вид,Сайт,Направления',
      ',музей,,',
      'Замок,крепость,,',
      'Библиотека № 19,библиотека,javascript:alert(1),вязание',
      'мбудо «юность»,,,',
      'Станция юных техников,,,техническое творчество',
      'Станция юных техников,,,',
      'Дом культуры,другое,,театр,музыка'
    ].join('\n');
    const preview = previewInstitutionsCsv(csv, store);
    const byLine = Object.fromEntries(
      preview.rows.map((r) => [r.line, r.problems.map((p) => describeCsvProblem('ru', p, r.line))])
    );
    expect(byLine[2]).toEqual(['Строка 2: нет названия учреждения']);
    expect(byLine[3]).toEqual(['Строка 3, столбец «Вид»: Неизвестный вид учреждения «крепость»']);
    expect(byLine[4]).toEqual([
      'Строка 4, столбец «Направления»: Неизвестное направление «вязание»',
      expect.stringMatching(/^Строка 4, столбец «Сайт»: Сайт должен быть адресом в интернете/)
    ]);
    expect(byLine[5]).toEqual(['Строка 5: Учреждение «мбудо «юность»» уже есть в справочнике']);
    expect(byLine[6]).toEqual([]);
    expect(byLine[7]).toEqual([
      'Строка 7: Учреждение «Станция юных техников» встречается в файле дважды'
    ]);
    expect(byLine[8]).toEqual([
      'Строка 8: В строке больше значений, чем столбцов: возьмите значение с разделителем в кавычки'
    ]);
    expect(preview.errorCount).toBe(7);

    const result = importInstitutions(store, csv);
    expect(result.ok).toBe(false);
    expect(store.all()).toHaveLength(1);
  });

  it('NW10 a file without a name column, with unknown columns, empty or too big is refused', () => {
    const store = new Institutions(new Y.Doc());
    const noName = previewInstitutionsCsv('Город;Вид\nБелгород;музей', store);
    expect(noName.fileProblems.map(say)).toEqual([
      'Неизвестный столбец «Город»',
      'Нет столбца «Название» в первой строке'
    ]);
    expect(previewInstitutionsCsv('Название\n\n', store).fileProblems.map(say)).toEqual([
      'В файле нет ни одной строки с учреждением'
    ]);
    const big = 'Название\n' + 'Библиотека\n'.repeat(CSV_MAX_BYTES / 10);
    expect(previewInstitutionsCsv(big, store).fileProblems.map(say)).toEqual([
      'Файл слишком большой: не больше 512 КБ'
    ]);
    expect(importInstitutions(store, big).ok).toBe(false);
    expect(store.all()).toEqual([]);
  });
});

/** Bytes of a text in Windows-1251, as Russian Excel saves a plain CSV (Cyrillic and ASCII only). */
function windows1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (ch === 'Ё') return 0xa8;
    if (ch === 'ё') return 0xb8;
    if (ch === '№') return 0xb9;
    throw new Error(`not in the test's table: ${ch}`);
  });
}

describe('CSV files as people save them', () => {
  const CSV = 'Название;Вид;Адрес\nБиблиотека № 19;библиотека;ул. Щорса, 10\n;музей;\n';
  const utf8 = new TextEncoder().encode(CSV);

  it('NW19 UTF-8 with or without a BOM and Windows-1251 from Russian Excel read as the same text', () => {
    const files = {
      'utf-8 with BOM': Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]),
      'utf-8': utf8,
      'windows-1251': windows1251(CSV)
    };
    expect(detectCsvEncoding(files['windows-1251'])).toBe('windows-1251');
    expect(detectCsvEncoding(files['utf-8 with BOM'])).toBe('utf-8');
    for (const [name, bytes] of Object.entries(files)) {
      expect(decodeCsv(bytes), name).toBe(CSV);
      const preview = previewInstitutionsCsv(decodeCsv(bytes), new Institutions(new Y.Doc()));
      expect(preview.fileProblems, name).toEqual([]);
      expect(preview.rows[0]!.values.name, name).toBe('Библиотека № 19');
      expect(
        preview.rows.flatMap((r) => r.problems.map((p) => describeCsvProblem('ru', p, r.line))),
        name
      ).toEqual(['Строка 3: нет названия учреждения']);
    }
  });
});
