import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPublicationStore } from '../../../server/publishing/openPublicationStore.ts';
import type { PublicationStore } from '../../../server/publishing/PublicationStore.ts';
import { ENGINE_KINDS, engineUnderTest, type EngineUnderTest } from '../helpers/engines.ts';
import { pinned, publishOne } from './publicationFixtures.ts';

const WS = 'ws-belgorod';
const T0 = Date.UTC(2026, 10, 20, 10, 0);

/** Materials as partner institutions publish them; words chosen to need stemming and ё/е. */
const MATERIALS = [
  pinned(
    'Мастер-класс «Дымковская игрушка»',
    'Лепим игрушку из глины и расписываем её узором. Занятие для детей 7–10 лет.',
    { institution: 'Дом детского творчества', direction: 'artsCrafts' }
  ),
  pinned(
    'Ёлочные украшения своими руками',
    'Мастерим ёлочные игрушки из бумаги и фетра к новогоднему празднику.',
    { institution: 'Центральная библиотека' }
  ),
  pinned(
    'Народная кукла-оберег',
    'История тряпичных кукол. Мастер-классы проводят педагоги музея.',
    { institution: 'Краеведческий музей' }
  ),
  pinned(
    'Городецкая роспись',
    'Роспись разделочной доски: купавки, розаны и птицы. Краски и кисти выдаются.',
    { institution: 'Дом детского творчества' }
  ),
  pinned('Отчёт о фестивале', 'Фестиваль народного творчества собрал ансамбли района.', {
    institution: 'Центр народной культуры'
  })
];
const IDS = ['dymka', 'yolka', 'kukla', 'gorodets', 'festival'];

/**
 * Queries a visitor types: word forms (игрушками → игрушка), ё and е either way, several words
 * (all required), a word from the fields, and a word no material has.
 */
const QUERIES: [string, string[]][] = [
  ['игрушками', ['dymka', 'yolka']],
  ['игрушка глина', ['dymka']],
  ['елочные', ['yolka']],
  ['ёлочный', ['yolka']],
  ['её узором', ['dymka']],
  ['куклы', ['kukla']],
  ['мастер-классы', ['dymka', 'kukla']],
  ['роспись', ['gorodets']],
  ['библиотеки', ['yolka']],
  ['творчества', ['dymka', 'festival', 'gorodets']],
  ['отчет фестиваль', ['festival']],
  ['космонавтика', []]
];

describe('CS catalogue search on both engines', () => {
  const stores = new Map<string, PublicationStore>();
  const engines: EngineUnderTest[] = [];

  beforeAll(async () => {
    for (const kind of ENGINE_KINDS) {
      const under = await engineUnderTest(kind);
      engines.push(under);
      const store = await openPublicationStore(under.engine);
      stores.set(kind, store);
      for (const [i, material] of MATERIALS.entries()) {
        await publishOne(store, WS, IDS[i]!, material, T0 + i);
      }
    }
  });

  afterAll(async () => {
    for (const store of stores.values()) await store.close();
    for (const under of engines) await under.destroy();
  });

  it.each(QUERIES)(
    'CS1 «%s» finds the same Russian materials on SQLite and PostgreSQL',
    async (q, expected) => {
      const found = await Promise.all(
        ENGINE_KINDS.map(async (kind) => (await stores.get(kind)!.searchPublished(WS, q)).sort())
      );
      expect({ sqlite: found[0], postgres: found[1] }).toEqual({
        sqlite: [...expected].sort(),
        postgres: [...expected].sort()
      });
    }
  );

  it('CS2 the title weighs more than the text: a title match comes first on both engines', async () => {
    for (const kind of ENGINE_KINDS) {
      expect((await stores.get(kind)!.searchPublished(WS, 'роспись'))[0]).toBe('gorodets');
      expect((await stores.get(kind)!.searchPublished(WS, 'кукла'))[0]).toBe('kukla');
    }
  });

  it('CS3 a material taken down is no longer found, on both engines', async () => {
    for (const kind of ENGINE_KINDS) {
      const store = stores.get(kind)!;
      await store.unpublish(WS, 'festival', T0 + 100);
      expect(await store.searchPublished(WS, 'фестиваль')).toEqual([]);
    }
  });
});
