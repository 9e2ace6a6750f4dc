import { describe, expect, it } from 'vitest';
import { DIRECTION_LABELS, FIELD_LABELS, TYPE_LABELS } from '../../../server/publishing/labels.ts';
import { ru } from '../../../src/lib/shared/i18n/features/knowledgeBase.ts';
import { DIRECTIONS, DOCUMENT_TYPE_IDS } from '../../../src/lib/shared/model/documentTypes.ts';

describe('public labels', () => {
  it("PB24 types, directions and fields read as the app's Russian words; only a folder is a section", () => {
    expect(TYPE_LABELS).toEqual({
      collection: 'Раздел',
      methodology: 'Методическая разработка',
      masterClass: 'Мастер-класс',
      projectPlan: 'План проекта',
      eventReport: 'Отчёт о мероприятии',
      localHistory: ru['type.localHistory'],
      note: ru['type.note']
    });
    expect(Object.keys(TYPE_LABELS)).toEqual(DOCUMENT_TYPE_IDS);
    expect(Object.keys(DIRECTION_LABELS)).toEqual([...DIRECTIONS]);
    expect(DIRECTION_LABELS.folkCulture).toBe('Народная культура');
    expect(DIRECTION_LABELS.decorativeArts).toBe(ru['direction.decorativeArts']);
    expect(FIELD_LABELS.audienceAge).toBe(ru['field.audienceAge']);
    for (const label of [
      ...Object.values(TYPE_LABELS),
      ...Object.values(DIRECTION_LABELS),
      ...Object.values(FIELD_LABELS)
    ])
      expect(label).toMatch(/^[А-ЯЁ][а-яё -]+$/);
  });

  it('PB24 only the fields the types declare have a label, so no other field is ever shown', () => {
    expect(Object.keys(FIELD_LABELS).sort()).toEqual(
      [
        'audienceAge',
        'author',
        'date',
        'direction',
        'duration',
        'endDate',
        'goal',
        'goals',
        'institution',
        'materials',
        'monument',
        'partners',
        'person',
        'place',
        'startDate',
        'venue'
      ].sort()
    );
    expect(Object.hasOwn(FIELD_LABELS, 'email')).toBe(false);
  });
});
