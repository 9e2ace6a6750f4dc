import { IntlMessageFormat } from 'intl-messageformat';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/lib/shared/i18n/en.ts';
import { compileMessage } from '../../../src/lib/shared/i18n/messageFormat.ts';
import { ru } from '../../../src/lib/shared/i18n/ru.ts';
import {
  collator,
  formatRelative,
  hasCatalogue,
  loadCatalogue,
  translate
} from '../../../src/lib/shared/i18n/translate.ts';
import { combine } from '../../../src/lib/state/SyncStatus.svelte.ts';
import { taskCheckboxLabel } from '../../../src/lib/editor/taskCheckboxLabel.ts';
import type { SyncState } from '../../../src/lib/sync/SyncedDoc.ts';

describe('English on demand', () => {
  it('I18N6 English loads only when asked for; until then the interface speaks Russian', async () => {
    expect(hasCatalogue('en')).toBe(false);
    expect(translate('en', 'docs.create')).toBe('Новый документ');
    await loadCatalogue('en');
    expect(hasCatalogue('en')).toBe(true);
    expect(translate('en', 'docs.create')).toBe('New document');
    expect(translate('ru', 'docs.create')).toBe('Новый документ');
  });
});

describe('Russian first, English second', () => {
  beforeAll(() => loadCatalogue('en'));

  it('I18N1 Russian plurals: one, few, many', () => {
    const unsent = (count: number) => translate('ru', 'wsync.unsyncedCount', { count });
    expect(unsent(1)).toBe('1 документ с изменениями только на этом устройстве');
    expect(unsent(3)).toBe('3 документа с изменениями только на этом устройстве');
    expect(unsent(5)).toBe('5 документов с изменениями только на этом устройстве');
    expect(unsent(21)).toBe('21 документ с изменениями только на этом устройстве');
    expect(unsent(112)).toBe('112 документов с изменениями только на этом устройстве');
    expect(translate('en', 'wsync.unsyncedCount', { count: 1 })).toMatch(/^1 document /);
    expect(translate('en', 'wsync.unsyncedCount', { count: 4 })).toMatch(/^4 documents /);
  });

  it('I18N2 both catalogues have the same keys and every message parses', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
    // Each message gets a value for every placeholder it declares (read from its own syntax tree),
    // numbers where it counts, so a message that cannot format shows up here.
    const values = (message: string, locale: 'ru' | 'en') => {
      const out: Record<string, string | number> = {};
      const walk = (elements: unknown[]) => {
        for (const el of elements as { type: number; value: string; options?: object }[]) {
          if (el.type === 1) out[el.value] ??= 'x';
          if (el.type === 2 || el.type === 6) out[el.value] = 2;
          if (el.type === 3 || el.type === 4) out[el.value] = Date.UTC(2026, 10, 26);
          if (el.type === 5) out[el.value] = 'other';
          for (const option of Object.values(el.options ?? {}) as { value: unknown[] }[])
            walk(option.value);
        }
      };
      walk(new IntlMessageFormat(message, locale).getAst());
      return out;
    };
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(() => translate('ru', key, values(ru[key], 'ru'))).not.toThrow();
      expect(() => translate('en', key, values(en[key], 'en'))).not.toThrow();
    }
  });
  it('I18N7 every message of both catalogues formats as intl-messageformat formats it', () => {
    // Every combination of the message's choices: each plural at counts that hit each Russian and
    // English form (and thousands, where # is grouped), each select option.
    const combinations = (message: string, locale: 'ru' | 'en') => {
      const choices = new Map<string, (string | number)[]>();
      const walk = (elements: unknown[]) => {
        for (const el of elements as { type: number; value: string; options?: object }[]) {
          if (el.type === 1 && !choices.has(el.value)) choices.set(el.value, ['Ёлка «7»']);
          if (el.type === 6) choices.set(el.value, [0, 1, 2, 5, 11, 21, 22, 25, 101, 1.5, 12345]);
          if (el.type === 5) choices.set(el.value, [...Object.keys(el.options ?? {}), 'unlisted']);
          for (const option of Object.values(el.options ?? {}) as { value: unknown[] }[])
            walk(option.value);
        }
      };
      walk(new IntlMessageFormat(message, locale).getAst());
      let out: Record<string, string | number>[] = [{}];
      for (const [name, options] of choices)
        out = out.flatMap((values) => options.map((value) => ({ ...values, [name]: value })));
      return out;
    };
    let compared = 0;
    for (const [locale, catalogue] of [
      ['ru', ru],
      ['en', en]
    ] as const) {
      for (const message of Object.values(catalogue) as string[]) {
        const ours = compileMessage(message, locale);
        const reference = new IntlMessageFormat(message, locale);
        for (const values of combinations(message, locale)) {
          expect(ours(values), message).toBe(String(reference.format(values)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('I18N3 Russian collation puts ё with е and ignores case', () => {
    // «ёж» sorts as «еж»: between «еда» and «енот», not after «я» as code points would put it.
    const sorted = ['яблоко', 'ёж', 'Енот', 'еда', 'Жук', 'Абрикос'].sort(collator('ru').compare);
    expect(sorted).toEqual(['Абрикос', 'еда', 'ёж', 'Енот', 'Жук', 'яблоко']);
  });

  it('I18N4 relative dates in Russian', () => {
    const now = Date.UTC(2026, 10, 26, 12);
    expect(formatRelative('ru', now - 5 * 60_000, now)).toBe('5 минут назад');
    expect(formatRelative('ru', now - 86_400_000, now)).toBe('вчера');
    expect(formatRelative('ru', Date.UTC(2026, 0, 15, 12), now)).toBe('15 января 2026 г.');
  });

  it('I18N5 a task checkbox is named in Russian for a screen reader, not «Task item checkbox for …»', () => {
    expect(taskCheckboxLabel({ textContent: 'Купить глину' }, false)).toBe(
      'Не выполнено: Купить глину'
    );
    expect(taskCheckboxLabel({ textContent: ' ' }, true)).toBe('Выполнено: пустой пункт');
  });
});

describe('sync status', () => {
  const state = (patch: Partial<SyncState>): SyncState => ({
    connection: 'online',
    pending: 0,
    loaded: true,
    synced: true,
    savedLocally: true,
    problem: null,
    ...patch
  });

  it('SS2 the status shows the worst connection and the sum of pending changes', () => {
    expect(combine([state({}), state({ pending: 2 })])).toMatchObject({
      connection: 'online',
      pending: 2
    });
    expect(combine([state({}), state({ connection: 'offline', pending: 1 })])).toMatchObject({
      connection: 'offline',
      pending: 1
    });
    // Connected but not yet synced: nothing may be claimed as saved on the server.
    expect(combine([state({ synced: false })]).connection).toBe('connecting');
    expect(combine([state({ savedLocally: false }), state({})]).savedLocally).toBe(false);
  });
});
