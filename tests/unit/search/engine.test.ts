import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../../src/lib/search/SearchEngine.ts';
import type { IndexedDocument, SearchResult, Segment } from '../../../src/lib/search/types.ts';
import { SEED_DOCUMENTS } from './fixtures.ts';

function engine(): SearchEngine {
  const e = new SearchEngine();
  for (const doc of SEED_DOCUMENTS) e.put(doc);
  return e;
}

const ids = (r: SearchResult) => r.hits.map((h) => h.id);
const marked = (segments: Segment[]) => segments.filter((s) => s.match).map((s) => s.text);
const plain = (segments: Segment[]) => segments.map((s) => s.text).join('');

describe('search engine on seed text', () => {
  it('SR2 an inflected query finds other forms of the word', () => {
    // «краеведения» in the text and the tag «краеведение»; «краеведческого» is another word.
    expect(ids(engine().search({ text: 'краеведение ' }))).toEqual(['tasks']);
    expect(ids(engine().search({ text: 'учреждениям ' }))).toEqual(
      expect.arrayContaining(['network', 'technicians'])
    );
  });

  it('SR3 «мастер-классы» finds «мастер-класса», «мастер-классы» and «мастер – классы»', () => {
    const found = ids(engine().search({ text: 'мастер-классы ' }));
    expect(found).toEqual(expect.arrayContaining(['master', 'youth', 'steps', 'technicians']));
    expect(ids(engine().search({ text: 'мастерклассы ' }))).toEqual(
      expect.arrayContaining(['master', 'youth'])
    );
  });

  it('SR1 ё and е find each other', () => {
    expect(ids(engine().search({ text: 'елочные ' }))).toEqual(['master']);
    expect(ids(engine().search({ text: 'заключён ' }))).toContain('youth');
    expect(ids(engine().search({ text: 'заключен ' }))).toContain('youth');
  });

  it('SR5 the word being typed matches as a prefix', () => {
    expect(ids(engine().search({ text: 'Белгородч' }))).toEqual(['tasks']);
    expect(ids(engine().search({ text: 'Белгородч ' }))).toEqual([]);
  });

  it('SR6 a typo in a longer word is forgiven', () => {
    expect(ids(engine().search({ text: 'библеотека ' }))).toEqual(
      expect.arrayContaining(['youth', 'technicians'])
    );
  });

  it('SR7 a title match ranks above a match in the text', () => {
    const found = ids(engine().search({ text: 'взаимодействие ' }));
    expect(found.slice(0, 2).sort()).toEqual(['network', 'steps']);
    const techs = ids(engine().search({ text: 'техников ' }));
    expect(techs[0]).toBe('technicians');
  });

  it('SR8 filters by type and tag, with counts for each', () => {
    const all = engine().search({ text: 'культуры ' });
    expect(all.typeCounts).toEqual({ methodology: 1, eventReport: 1, masterClass: 1 });
    const methodology = engine().search({ text: 'культуры ', types: ['methodology'] });
    expect(ids(methodology)).toEqual(['tasks']);
    expect(methodology.typeCounts.eventReport).toBe(1);
    const tagged = engine().search({ text: 'культуры ', tags: ['договор'] });
    expect(ids(tagged)).toEqual(['youth']);
    expect(tagged.total).toBe(1);
    const byTagOnly = engine().search({ text: '', tags: ['краеведение'] });
    expect(ids(byTagOnly)).toEqual(['tasks']);
    expect(engine().search({ text: '' }).total).toBe(0);
  });

  it('SR9 snippets are the best sentence with the matched words marked, as data', () => {
    const hit = engine()
      .search({ text: 'краеведения ' })
      .hits.find((h) => h.id === 'tasks')!;
    expect(plain(hit.snippet)).toMatch(/^Изучение краеведения с целью/);
    expect(marked(hit.snippet)).toEqual(['краеведения']);
    const title = engine().search({ text: 'станции ' }).hits[0]!;
    expect(marked(title.title)).toEqual(['Станция']);
  });

  it('SR9 markup in a document stays text in its snippet', () => {
    const e = new SearchEngine();
    e.put({
      id: 'x',
      title: '<img src=x onerror=alert(1)>',
      type: 'note',
      tags: [],
      fieldText: '',
      text: 'Выставка <b>рисунков</b> в библиотеке.',
      updatedAt: 1
    });
    const hit = e.search({ text: 'рисунки ' }).hits[0]!;
    expect(plain(hit.snippet)).toBe('Выставка <b>рисунков</b> в библиотеке.');
    expect(marked(hit.snippet)).toEqual(['рисунков']);
  });

  it('SR10 replacing and removing a document updates the results', () => {
    const e = engine();
    e.put({ ...SEED_DOCUMENTS[5]!, text: 'Роспись по дереву.' });
    expect(ids(e.search({ text: 'елочные ' }))).toEqual([]);
    expect(ids(e.search({ text: 'дерево ' }))).toEqual(['master']);
    e.remove('master');
    expect(ids(e.search({ text: 'дерево ' }))).toEqual([]);
  });

  it('SR10 an index saved as JSON and loaded answers the same', () => {
    const e = engine();
    const loaded = SearchEngine.load(e.toJSON(), e.documents());
    expect(loaded.search({ text: 'мастер-классы ' })).toEqual(e.search({ text: 'мастер-классы ' }));
  });
});

describe('short prefixes and snippets', () => {
  const doc = (id: string, title: string, text: string, extra: Partial<IndexedDocument> = {}) => ({
    id,
    title,
    type: 'note',
    tags: [],
    fieldText: '',
    text,
    updatedAt: 1,
    ...extra
  });

  function typingEngine(): SearchEngine {
    const e = new SearchEngine();
    e.put(doc('title', 'Театральная студия', 'Занятия по вторникам.'));
    e.put(doc('tag', 'Афиша', 'Спектакль в субботу.', { tags: ['театр'] }));
    e.put(doc('field', 'Кружок', 'Репетиции.', { fieldText: 'театральное направление' }));
    e.put(doc('text', 'Отчёт', 'Дети ходили в театр всем классом.'));
    e.put(doc('whole', 'План', 'Каждый тип занятий отмечен.'));
    return e;
  }

  it('SR17 a word being typed under four letters expands in titles, tags and fields only', () => {
    const e = typingEngine();
    expect(ids(e.search({ text: 'теа' })).sort()).toEqual(['field', 'tag', 'title']);
    // In the text a short word still matches whole.
    expect(ids(e.search({ text: 'тип' }))).toEqual(['whole']);
  });

  it('SR17 from four letters on, the word being typed expands in the text too', () => {
    const e = typingEngine();
    expect(ids(e.search({ text: 'теат' })).sort()).toEqual(['field', 'tag', 'text', 'title']);
    const hit = e.search({ text: 'теат' }).hits.find((h) => h.id === 'text')!;
    expect(marked(hit.snippet)).toEqual(['театр']);
  });

  it('SR9 the best sentence is chosen wherever it is, and compounds typed whole are marked', () => {
    const e = new SearchEngine();
    const text =
      'Вступление без нужных слов.\nПотом мастер-классы.\nМастер-классы и ещё МАСТЕР-КЛАССЫ по росписи, ёлочные игрушки.';
    e.put(doc('x', 'План', text));
    const byCompound = e.search({ text: 'мастерклассы ' }).hits[0]!;
    expect(plain(byCompound.snippet)).toBe(
      'Мастер-классы и ещё МАСТЕР-КЛАССЫ по росписи, ёлочные игрушки.'
    );
    expect(marked(byCompound.snippet)).toEqual(['Мастер-классы', 'МАСТЕР-КЛАССЫ']);
    const two = e.search({ text: 'елочных росписи ' }).hits[0]!;
    expect(marked(two.snippet)).toEqual(['росписи', 'ёлочные']);
  });

  it('SR9 a text whose letters change when folded still gets its snippet', () => {
    const e = new SearchEngine();
    // «İ» lower-cases to two characters: every later offset would be one off.
    e.put(doc('long', 'План', 'İzmir. Сначала вступление. Потом театр'));
    expect(plain(e.search({ text: 'театр ' }).hits[0]!.snippet)).toBe('Потом театр');
    // A decomposed «й» in the text («маи\u0306ку») is found by the composed one.
    e.put(doc('nfc', 'Список', 'Сначала вступление. Купили маи\u0306ку.'));
    const hit = e.search({ text: 'майка ' }).hits[0]!;
    expect(plain(hit.snippet)).toBe('Купили маи\u0306ку.');
    expect(marked(hit.snippet)).toEqual(['маи\u0306ку']);
  });
});

describe('what a result shows', () => {
  it('SR19 a document found by its type or field labels shows no snippet of them: «Папка Folder» never reaches the page', () => {
    const e = new SearchEngine();
    e.put({
      id: 'folder',
      title: 'Мастер-классы',
      type: 'collection',
      tags: [],
      fieldText: 'Папка Folder',
      text: '',
      updatedAt: 1
    });
    for (const text of ['папка', 'folder']) {
      const [hit] = e.search({ text }).hits;
      expect(hit?.id, text).toBe('folder');
      expect(hit!.snippet).toEqual([]);
    }
  });
});
