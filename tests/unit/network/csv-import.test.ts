import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translate, type MessageKey } from '../../../src/lib/i18n/translate.ts';
import {
  CSV_MAX_BYTES,
  importInstitutions,
  previewInstitutionsCsv,
  type CsvProblem
} from '../../../src/lib/model/network/csvImport.ts';
import { Institutions } from '../../../src/lib/model/network/index.ts';
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
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r.problems.map(say)]));
    expect(byLine[2]).toEqual(['Название: Укажите название учреждения']);
    expect(byLine[3]).toEqual(['Вид: Неизвестный вид учреждения «крепость»']);
    expect(byLine[4]).toEqual([
      'Направления: Неизвестное направление «вязание»',
      expect.stringMatching(/^Сайт: Сайт должен быть адресом в интернете/)
    ]);
    expect(byLine[5]).toEqual(['Учреждение «мбудо «юность»» уже есть в справочнике']);
    expect(byLine[6]).toEqual([]);
    expect(byLine[7]).toEqual(['Учреждение «Станция юных техников» встречается в файле дважды']);
    expect(byLine[8]).toEqual([
      'В строке больше значений, чем столбцов: возьмите значение с разделителем в кавычки'
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
