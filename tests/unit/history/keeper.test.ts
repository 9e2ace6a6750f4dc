import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { thin } from '../../../server/history/retention.ts';
import type { VersionRecord } from '../../../server/history/HistoryStore.ts';
import { VersionKeeper } from '../../../server/history/VersionKeeper.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { keeperWith, MINUTE, names, OPTIONS, person } from './keeperFixture.ts';

const defer = deferCleanup();
const ROOM = 'ws1/doc-dymkovo';

describe('automatic versions', () => {
  it('VH1 a version is taken once editing pauses, with everyone who edited since the last one', async () => {
    const { keeper, clock, type, textOf, store } = keeperWith(defer);
    type(ROOM, 'Анна Лобанова', 'Лепим барыню.');
    clock.advance(MINUTE);
    type(ROOM, 'Ольга Юрченко', 'Расписываем узором.');
    clock.advance(2 * MINUTE - 1);
    await keeper.settled();
    expect(await keeper.list(ROOM)).toEqual([]);

    clock.advance(1);
    await keeper.settled();
    const [version] = await keeper.list(ROOM);
    expect(version).toMatchObject({ kind: 'auto', name: null, createdAt: clock.now() });
    expect(names(version!.authors).sort()).toEqual(['Анна Лобанова', 'Ольга Юрченко']);
    expect(textOf((await store.get(ROOM, version!.id))!.state).join('')).toContain(
      'Расписываем узором.'
    );

    // The next pause only names who edited after that version.
    type(ROOM, 'Пётр Смирнов', 'Сушим игрушку.');
    clock.advance(2 * MINUTE);
    await keeper.settled();
    expect(names((await keeper.list(ROOM))[0]!.authors)).toEqual(['Пётр Смирнов']);
  });

  it('VH2 long uninterrupted editing still gets a version at least every interval', async () => {
    const { keeper, clock, type } = keeperWith(defer);
    // An edit every minute for 25 minutes: never a 2-minute pause.
    for (let minute = 0; minute < 25; minute++) {
      type(ROOM, 'Анна Лобанова', `Шаг ${minute}.`);
      clock.advance(MINUTE);
      await keeper.settled();
    }
    const times = (await keeper.list(ROOM)).map((v) => v.createdAt).sort((a, b) => a - b);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeLessThanOrEqual(OPTIONS.maxIntervalMs + MINUTE);
  });

  it('VH1 a pause with nothing new since the last version adds none; the index has no history', async () => {
    const { keeper, clock, type } = keeperWith(defer);
    type(ROOM, 'Анна Лобанова', 'Лепим барыню.');
    clock.advance(2 * MINUTE);
    await keeper.settled();
    keeper.edited(ROOM, [person('Анна Лобанова')]); // e.g. an update that changed nothing visible
    clock.advance(2 * MINUTE);
    await keeper.settled();
    expect(await keeper.list(ROOM)).toHaveLength(1);

    type('ws1/index', 'Анна Лобанова', 'не документ');
    clock.advance(2 * MINUTE);
    await keeper.settled();
    expect(await keeper.list('ws1/index')).toEqual([]);
    expect(VersionKeeper.versioned('ws1/index')).toBe(false);
  });

  it('VH1 closing takes the versions still waiting for a pause', async () => {
    const { keeper, type } = keeperWith(defer);
    type(ROOM, 'Анна Лобанова', 'Последняя правка перед остановкой.');
    await keeper.close();
    expect(await keeper.list(ROOM)).toHaveLength(1);
  });
});

describe('named versions', () => {
  it('VH3 a named version is kept with its name, who saved it and the pending authors', async () => {
    const { keeper, clock, type, textOf, store } = keeperWith(defer);
    type(ROOM, 'Ольга Юрченко', 'Черновик занятия.');
    const named = await keeper.saveNamed(ROOM, 'Перед занятием', person('Анна Лобанова'));
    expect(named).toMatchObject({
      kind: 'named',
      name: 'Перед занятием',
      savedBy: person('Анна Лобанова'),
      authors: [person('Ольга Юрченко')]
    });
    expect(textOf((await store.get(ROOM, named.id))!.state).join('')).toContain(
      'Черновик занятия.'
    );
    // The pause after it has nothing new: the named version took the pending edits.
    clock.advance(5 * MINUTE);
    await keeper.settled();
    expect(await keeper.list(ROOM)).toHaveLength(1);
  });
});

describe('retention', () => {
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  const now = Date.UTC(2026, 10, 25, 12, 0);
  const v = (id: number, createdAt: number, kind: 'auto' | 'named', authors: string[]) =>
    ({
      id,
      createdAt,
      kind,
      name: kind === 'named' ? `v${id}` : null,
      savedBy: null,
      authors: authors.map(person)
    }) as VersionRecord;

  it('VH4 old automatic versions thin to the last of each day; named and recent ones stay; authors move on', () => {
    const versions = [
      v(1, now - 5 * DAY + 1 * HOUR, 'auto', ['А']),
      v(2, now - 5 * DAY + 2 * HOUR, 'named', ['Б']),
      v(3, now - 5 * DAY + 3 * HOUR, 'auto', ['В']),
      v(4, now - 5 * DAY + 4 * HOUR, 'auto', ['Г']),
      v(5, now - 1 * HOUR, 'auto', ['Д']),
      v(6, now - 30 * MINUTE, 'auto', ['Е'])
    ];
    const { drop, authorsTo } = thin(versions, now, { keepAllMs: 48 * HOUR, maxAuto: 50 });
    expect(drop.sort()).toEqual([1, 3]);
    // 1's authors go to the named version after it, 3's to the day's last version.
    expect(names(authorsTo.get(2)!).sort()).toEqual(['А', 'Б']);
    expect(names(authorsTo.get(4)!).sort()).toEqual(['В', 'Г']);
  });

  it('VH4 there are never more automatic versions than the bound; named ones do not count', () => {
    const versions = [
      v(1, now - 40 * MINUTE, 'auto', ['А']),
      v(2, now - 30 * MINUTE, 'named', ['Б']),
      v(3, now - 20 * MINUTE, 'auto', ['В']),
      v(4, now - 10 * MINUTE, 'auto', ['Г'])
    ];
    const { drop } = thin(versions, now, { keepAllMs: 48 * HOUR, maxAuto: 2 });
    expect(drop).toEqual([1]);
  });

  it('VH4 the keeper applies the bound as it takes versions', async () => {
    const { keeper, clock, type } = keeperWith(defer, { maxAuto: 3 });
    await keeper.saveNamed(ROOM, 'Исходный текст', person('Анна Лобанова'));
    for (let i = 0; i < 6; i++) {
      type(ROOM, 'Анна Лобанова', `Правка ${i}.`);
      clock.advance(3 * MINUTE);
      await keeper.settled();
    }
    const list = await keeper.list(ROOM);
    expect(list.filter((x) => x.kind === 'auto')).toHaveLength(3);
    expect(list.filter((x) => x.kind === 'named')).toHaveLength(1);
  });
});

describe('settings', () => {
  it('VH9 the history settings have defaults and a bad value is refused by name', () => {
    expect(loadConfig({}).history).toEqual({
      pauseMs: 2 * MINUTE,
      maxIntervalMs: 15 * MINUTE,
      keepAllMs: 48 * 60 * MINUTE,
      maxAuto: 200
    });
    expect(loadConfig({ HISTORY_PAUSE_MINUTES: '5' }).history.pauseMs).toBe(5 * MINUTE);
    expect(() => loadConfig({ HISTORY_PAUSE_MINUTES: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HISTORY_MAX_AUTO_VERSIONS: 'много' })).toThrow(
      /HISTORY_MAX_AUTO_VERSIONS="много": must be a number/
    );
  });
});
