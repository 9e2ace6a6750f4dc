import { describe, expect, it } from 'vitest';
import {
  isWorkspaceSlug,
  slugFromTitle,
  workspaceSlugFromName
} from '../../../server/publishing/slug.ts';
import { parseAgeRange, typicalAgeRange } from '../../../server/publishing/age.ts';
import { durationMinutes } from '../../../server/publishing/render/jsonLd.ts';

describe('slugs', () => {
  it('PB1 a Russian title becomes a readable Latin slug', () => {
    expect(slugFromTitle('Мастер-класс «Дымковская игрушка»')).toBe(
      'master-klass-dymkovskaya-igrushka'
    );
    expect(slugFromTitle('Ёлочные игрушки из щепы: 5–7 лет')).toBe(
      'yolochnye-igrushki-iz-shchepy-5-7-let'
    );
    expect(slugFromTitle('  Театр   и книга!!! ')).toBe('teatr-i-kniga');
    expect(slugFromTitle('Юность. Отчёт')).toBe('yunost-otchyot');
  });

  it('PB1 a slug is bounded at a word and never empty', () => {
    const long = slugFromTitle(
      'Методическая разработка занятия по декоративно-прикладному творчеству для учащихся младшего школьного возраста'
    );
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slugFromTitle('«»!!! 🎨')).toBe('material');
    expect(slugFromTitle('')).toBe('material');
    expect(slugFromTitle('<script>alert(1)</script>')).toMatch(/^[a-z0-9-]+$/);
  });

  it('PB1 a workspace address is checked and made from its name', () => {
    expect(workspaceSlugFromName('Сеть учреждений Белгорода')).toBe('set-uchrezhdeniy-belgoroda');
    expect(isWorkspaceSlug('yunost-2')).toBe(true);
    for (const bad of ['', '-a', 'a-', 'A', 'a--b', 'a/b', '_', 'api', 'x'.repeat(41)]) {
      expect(isWorkspaceSlug(bad)).toBe(false);
    }
  });
});

describe('ages and durations', () => {
  it("PB9 ages in teachers' words become ranges", () => {
    expect(parseAgeRange('7–12 лет')).toEqual({ min: 7, max: 12 });
    expect(parseAgeRange('от 10 лет')).toEqual({ min: 10, max: 120 });
    expect(parseAgeRange('5+')).toEqual({ min: 5, max: 120 });
    expect(parseAgeRange('до 14 лет')).toEqual({ min: 0, max: 14 });
    expect(parseAgeRange('для всех')).toBeNull();
    expect(typicalAgeRange({ min: 7, max: 12 })).toBe('7-12');
    expect(typicalAgeRange({ min: 10, max: 120 })).toBe('10-');
    expect(durationMinutes('45 минут')).toBe(45);
    expect(durationMinutes('1,5 часа')).toBe(90);
    expect(durationMinutes('два занятия')).toBeNull();
  });
});
