import { describe, expect, it } from 'vitest';
import { matchesQuery } from '../../../src/lib/search/textMatch.ts';

const LIBRARY = 'Библиотека им. Лиханова\nг. Белгород, ул. Щорса, 10\nmetodist@likhanov-lib.ru';
const MUSEUM = 'Музей-диорама «Курская битва»\nг. Белгород, ул. Горького, 2';

describe('partner search', () => {
  it('NW21 finds word forms with the document search analyser («библиотеки», «диорамы»), every word needed', () => {
    expect(matchesQuery('библиотеки', LIBRARY)).toBe(true);
    expect(matchesQuery('диорамы', MUSEUM)).toBe(true);
    expect(matchesQuery('библиотеки Белгорода', LIBRARY)).toBe(true);
    expect(matchesQuery('библиотеки Курска', LIBRARY)).toBe(false);
    expect(matchesQuery('диорамы', LIBRARY)).toBe(false);
    // The word being typed is a prefix; ё is е; a plain substring still finds an address.
    expect(matchesQuery('Лиха', LIBRARY)).toBe(true);
    expect(matchesQuery('щорса, 10', LIBRARY)).toBe(true);
    expect(matchesQuery('likhanov-lib', LIBRARY)).toBe(true);
    expect(matchesQuery('', MUSEUM)).toBe(true);
  });
});
