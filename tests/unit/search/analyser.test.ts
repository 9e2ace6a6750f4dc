import { describe, expect, it } from 'vitest';
import {
  analyseQuery,
  indexTerms,
  normalise,
  stem,
  termsOfWord,
  words
} from '../../../src/lib/search/analyser.ts';
import { SEED_DOCUMENTS } from './fixtures.ts';

describe('Russian analyser', () => {
  it('SR1 folds case and ё into е', () => {
    expect(normalise('Ёлочные ИГРУШКИ, заключён')).toBe('елочные игрушки, заключен');
    expect(indexTerms('заключён')).toEqual(indexTerms('ЗАКЛЮЧЕН'));
  });

  it('SR1 splits on anything but letters and digits, keeping offsets', () => {
    const text = 'с библиотекой № 19, «Куликово поле»';
    expect(words(text).map((w) => text.slice(w.start, w.end))).toEqual([
      'с',
      'библиотекой',
      '19',
      'Куликово',
      'поле'
    ]);
  });

  it('SR1 a decomposed й reads like the composed one', () => {
    expect(indexTerms('народнои\u0306')).toEqual(indexTerms('народной'));
  });

  it('SR2 inflected forms share a stem', () => {
    expect(stem('краеведение')).toBe(stem('краеведения'));
    expect(stem('учреждениями')).toBe(stem('учреждений'));
    expect(stem('библиотекой')).toBe(stem('библиотеки'));
    expect(stem('культуры')).toBe(stem('культура'));
  });

  it('SR3 a hyphen compound is indexed whole and as parts', () => {
    const terms = termsOfWord(normalise('мастер-классы'));
    expect(terms).toContain(stem('мастерклассы'));
    expect(terms).toContain('мастер');
    expect(terms).toContain(stem('классы'));
    expect(termsOfWord(normalise('мастер-класса'))).toEqual(terms);
  });

  it('SR3 a dash between spaces separates words', () => {
    expect(indexTerms('мастер – классы')).toEqual(['мастер', stem('классы')]);
  });

  it('SR4 function words are dropped from the index', () => {
    expect(indexTerms('договоры о сотрудничестве и проекты')).toEqual([
      stem('договоры'),
      stem('сотрудничестве'),
      stem('проекты')
    ]);
  });

  it('SR5 the last word still being typed is a prefix, even a function word', () => {
    expect(analyseQuery('народной культ')).toEqual([
      { whole: null, parts: [stem('народной')], prefix: false },
      { whole: null, parts: [stem('культ')], prefix: true }
    ]);
    expect(analyseQuery('по')).toEqual([{ whole: null, parts: ['по'], prefix: true }]);
    expect(analyseQuery('выставки по ')).toEqual([
      { whole: null, parts: [stem('выставки')], prefix: false }
    ]);
  });

  it('SR5 a compound query matches the whole or all of its parts', () => {
    expect(analyseQuery('мастер-классы ')).toEqual([
      { whole: stem('мастерклассы'), parts: ['мастер', stem('классы')], prefix: false }
    ]);
  });

  it('SR9 a stem is its word with an ending cut off (snippets look for it inside the text)', () => {
    const norms = SEED_DOCUMENTS.flatMap((d) => words(`${d.title} ${d.text}`)).map((w) => w.norm);
    expect(norms.length).toBeGreaterThan(100);
    const forms = norms.flatMap((norm) => [...norm.split('-'), norm.replaceAll('-', '')]);
    for (const form of forms) expect(form.startsWith(stem(form)), form).toBe(true);
  });
});
