import { describe, expect, it } from 'vitest';
import { initials, presentPeople } from '../../../src/lib/shared/model/presence.ts';
import { colourFor, hslToHex } from '../../../src/lib/state/colour.ts';

describe('presence', () => {
  it('PR2 a colour per name is #rrggbb, the only format the caret plugin draws', () => {
    for (const name of ['Анна Лобанова', 'Борис Юрченко', '', 'Ё'])
      expect(colourFor(name)).toMatch(/^#[0-9a-f]{6}$/);
    expect(colourFor('Анна Лобанова')).toBe(colourFor('Анна Лобанова'));
    expect(hslToHex(0, 1, 0.5)).toBe('#ff0000');
    expect(hslToHex(120, 1, 0.25)).toBe('#008000');
  });

  it('PR2 people in a document: each name once, not this connection, unusable states left out', () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Анна Лобанова', color: '#aa3300' } }],
      [2, { user: { name: 'Борис Юрченко', color: 'hsl(10 65% 38%)' } }],
      [3, { user: { name: 'Борис Юрченко', color: '#112233' } }],
      [4, { user: { name: '  ' } }],
      [5, null],
      [6, { cursor: {} }],
      [7, { user: { name: 'Вера Ёлкина', color: '#123456' } }]
    ]);
    expect(presentPeople(states, 1)).toEqual([
      { name: 'Борис Юрченко', colour: '#5b6b66' },
      { name: 'Вера Ёлкина', colour: '#123456' }
    ]);
    expect(initials('Анна Лобанова')).toBe('АЛ');
    expect(initials('ёлка')).toBe('Ё');
  });
});
