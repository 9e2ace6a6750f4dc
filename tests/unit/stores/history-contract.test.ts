import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryStore, NewVersion } from '../../../server/history/HistoryStore.ts';
import { openHistoryStore } from '../../../server/history/openHistoryStore.ts';
import { ENGINE_KINDS, engineUnderTest, type EngineUnderTest } from '../helpers/engines.ts';

const ROOM = 'ws-zavet/doc-kukla';
const T0 = Date.UTC(2026, 10, 25, 9, 0);

const anna = { id: 'anna-1', name: 'Анна Лобанова' };
const petr = { id: 'petr-2', name: 'Пётр Смирнов' };
const irina = { id: 'irina-3', name: 'Ирина Ёлкина' };

const version = (over: Partial<NewVersion> = {}): NewVersion => ({
  createdAt: T0,
  kind: 'auto',
  name: null,
  savedBy: null,
  authors: [anna],
  state: new Uint8Array([1, 2, 3]),
  ...over
});

/** HS1–HS4: what every history engine keeps, run against SQLite and PostgreSQL alike. */
describe.each(ENGINE_KINDS)('HS history store contract: %s', (kind) => {
  let under: EngineUnderTest;
  let store: HistoryStore;

  beforeEach(async () => {
    under = await engineUnderTest(kind);
    store = await openHistoryStore(under.engine);
  });

  afterEach(async () => {
    await store.close();
    await under.destroy();
  });

  it('HS1 a version is read back as written: info, Russian names and the exact state bytes', async () => {
    expect(await store.list(ROOM)).toEqual([]);
    expect(await store.latestState(ROOM)).toBeNull();
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    const named = await store.add(
      ROOM,
      version({
        kind: 'named',
        name: 'Перед семинаром «Народная кукла»',
        savedBy: irina,
        authors: [petr, anna],
        state: big
      })
    );
    expect(named.id).toBeGreaterThan(0);
    const got = await store.get(ROOM, named.id);
    expect(got).toMatchObject({
      id: named.id,
      createdAt: T0,
      kind: 'named',
      name: 'Перед семинаром «Народная кукла»',
      savedBy: irina,
      authors: [petr, anna]
    });
    expect(Buffer.from(got!.state).equals(Buffer.from(big))).toBe(true);
    expect(await store.list(ROOM)).toEqual([{ ...named }]);
  });

  it('HS2 a room lists newest first, and the latest state is the newest version', async () => {
    const a = await store.add(ROOM, version({ createdAt: T0, state: new Uint8Array([1]) }));
    const b = await store.add(
      ROOM,
      version({ createdAt: T0 + 60_000, state: new Uint8Array([2]) })
    );
    // Same time: the later id is the newer version.
    const c = await store.add(
      ROOM,
      version({ createdAt: T0 + 60_000, state: new Uint8Array([3]) })
    );
    await store.add('ws-zavet/other', version({ createdAt: T0 + 120_000 }));
    expect((await store.list(ROOM)).map((v) => v.id)).toEqual([c.id, b.id, a.id]);
    expect([...(await store.latestState(ROOM))!]).toEqual([3]);
  });

  it('HS3 a version id only names a version of its own room', async () => {
    const other = await store.add('ws-chuzhoy/doc', version());
    expect(await store.get(ROOM, other.id)).toBeNull();
    expect(await store.get('ws-chuzhoy/doc', other.id)).not.toBeNull();
    expect(await store.get(ROOM, 999_999)).toBeNull();
  });

  it('HS4 drop removes versions and moves their authors in one step; other rooms are untouched', async () => {
    const a = await store.add(ROOM, version({ authors: [anna] }));
    const b = await store.add(ROOM, version({ createdAt: T0 + 1, authors: [petr] }));
    const foreign = await store.add('ws-other/doc', version());
    await store.drop(ROOM, [a.id, foreign.id], new Map([[b.id, [anna, petr]]]));
    expect(await store.list(ROOM)).toEqual([{ ...b, authors: [anna, petr] }]);
    expect(await store.get('ws-other/doc', foreign.id)).not.toBeNull();
  });

  it('HS6 an author is renamed by account id in every room, and only that author', async () => {
    const saved = await store.add(
      ROOM,
      version({ kind: 'named', name: 'Итог', savedBy: petr, authors: [anna, petr] })
    );
    const elsewhere = await store.add('ws-other/doc', version({ authors: [petr] }));
    const untouched = await store.add(ROOM, version({ createdAt: T0 + 1, authors: [irina] }));
    await store.renameAuthor(petr.id, 'Удалённый участник');
    const gone = { id: petr.id, name: 'Удалённый участник' };
    expect(await store.get(ROOM, saved.id)).toMatchObject({ savedBy: gone, authors: [anna, gone] });
    expect((await store.get('ws-other/doc', elsewhere.id))?.authors).toEqual([gone]);
    expect((await store.get(ROOM, untouched.id))?.authors).toEqual([irina]);
  });

  it('HS5 versions survive a reopen, and another instance on the same data sees them', async () => {
    const saved = await store.add(ROOM, version({ kind: 'named', name: 'Итог года' }));
    await store.close();
    store = await openHistoryStore(under.engine);
    const other = await openHistoryStore(await under.another());
    try {
      expect((await store.list(ROOM)).map((v) => v.name)).toEqual(['Итог года']);
      expect((await other.get(ROOM, saved.id))?.name).toBe('Итог года');
      const next = await other.add(ROOM, version({ createdAt: T0 + 5 }));
      expect(next.id).not.toBe(saved.id);
      expect((await store.list(ROOM)).map((v) => v.id)).toEqual([next.id, saved.id]);
    } finally {
      await other.close();
    }
  });
});
