import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../../src/lib/search/SearchEngine.ts';
import type { SearchResult, Segment } from '../../../src/lib/search/types.ts';
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
