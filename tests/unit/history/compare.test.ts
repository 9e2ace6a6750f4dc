import { describe, expect, it } from 'vitest';
import { diffBlocks, hasChanges } from '../../../src/lib/shared/model/history/textDiff.ts';
import { versionWhen } from '../../../src/lib/shared/model/history/when.ts';

describe('comparing a version with the current text', () => {
  it('VH8 whole blocks added or removed, and edited blocks word by word (Russian words whole)', () => {
    const blocks = diffBlocks(
      ['Цель занятия.', 'Лепим барыню из глины.', 'Сушим три дня.'],
      ['Цель занятия.', 'Лепим кормилицу из белой глины.', 'Расписываем узором.']
    );
    expect(blocks.map((b) => b.kind)).toEqual(['same', 'changed', 'changed']);
    expect(blocks[1]!.parts.map(({ change, text }) => ({ kind: change, text }))).toEqual([
      { kind: 'same', text: 'Лепим ' },
      { kind: 'removed', text: 'барыню' },
      { kind: 'added', text: 'кормилицу' },
      { kind: 'same', text: ' из ' },
      { kind: 'added', text: 'белой ' },
      { kind: 'same', text: 'глины.' }
    ]);
    expect(diffBlocks(['А.'], ['А.', 'Б.']).map((b) => b.kind)).toEqual(['same', 'added']);
    expect(diffBlocks(['А.', 'Б.'], ['Б.']).map((b) => b.kind)).toEqual(['removed', 'same']);
    expect(hasChanges(diffBlocks(['А.'], ['А.']))).toBe(false);
  });

  it('VH8 times read as people say them: сегодня, вчера, a date with the month in the genitive', () => {
    const now = new Date(2026, 10, 26, 15, 0).getTime();
    expect(versionWhen(new Date(2026, 10, 26, 14, 5).getTime(), now, 'ru')).toEqual({
      day: 'today',
      time: '14:05'
    });
    expect(versionWhen(new Date(2026, 10, 25, 9, 30).getTime(), now, 'ru')).toEqual({
      day: 'yesterday',
      time: '9:30'
    });
    expect(versionWhen(new Date(2026, 10, 3, 8, 0).getTime(), now, 'ru')).toEqual({
      day: 'date',
      time: '8:00',
      date: '3 ноября'
    });
    expect(versionWhen(new Date(2025, 11, 31, 23, 59).getTime(), now, 'ru')).toMatchObject({
      date: '31 декабря 2025 г.'
    });
  });
});
