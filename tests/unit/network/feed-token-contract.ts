import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedTokenStore } from '../../../server/calendar/FeedTokens.ts';

/**
 * How the contract reaches one engine: every `open` is a store with its own connection on the
 * same data (another server process); `destroy` closes them all and removes the data.
 */
export type FeedTokenStoreFactory = () => Promise<{
  open(): Promise<FeedTokenStore>;
  destroy(): Promise<void>;
}>;

/** FT1–FT4: what every FeedTokenStore engine keeps. */
export function runFeedTokenContract(name: string, makeFactory: FeedTokenStoreFactory): void {
  describe(`feed token store contract: ${name}`, () => {
    let handle: Awaited<ReturnType<FeedTokenStoreFactory>>;
    let store: FeedTokenStore;

    beforeEach(async () => {
      handle = await makeFactory();
      store = await handle.open();
    });

    afterEach(async () => {
      await store.close();
      await handle.destroy();
    });

    it('FT1 a new link opens its workspace’s feed by its token alone, and no other token does', async () => {
      const { feed, token } = await store.create('wsCalendar', 'annaId', 1_780_000_000_000);
      expect(feed).toEqual({
        id: feed.id,
        workspaceId: 'wsCalendar',
        createdBy: 'annaId',
        createdAt: 1_780_000_000_000
      });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await store.byToken(token)).toEqual(feed);
      expect(await store.active('wsCalendar')).toEqual(feed);
      expect(await store.active('wsOther')).toBeNull();
      expect(
        await store.byToken(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))
      ).toBeNull();
      expect(await store.byToken('x'.repeat(300))).toBeNull();
    });

    it('FT2 a new link replaces the old one; a revoked link opens nothing, and revoking twice says so', async () => {
      const first = await store.create('wsCalendar', null, 1);
      const second = await store.create('wsCalendar', null, 2);
      expect(await store.byToken(first.token)).toBeNull();
      expect(await store.active('wsCalendar')).toEqual(second.feed);
      expect(await store.revoke('wsCalendar', 3)).toBe(true);
      expect(await store.byToken(second.token)).toBeNull();
      expect(await store.active('wsCalendar')).toBeNull();
      expect(await store.revoke('wsCalendar', 4)).toBe(false);
    });

    it('FT3 links created at once from two processes leave exactly one live link', async () => {
      const other = await handle.open();
      try {
        const made = await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).create('wsCalendar', null, i))
        );
        const live = [];
        for (const { token } of made) if (await store.byToken(token)) live.push(token);
        expect(live).toHaveLength(1);
        expect((await other.active('wsCalendar'))!.id).toBe((await store.byToken(live[0]!))!.id);
      } finally {
        await other.close();
      }
    });

    it('FT4 links survive close and reopen', async () => {
      const { feed, token } = await store.create('wsCalendar', 'annaId', 5);
      await store.close();
      store = await handle.open();
      expect(await store.byToken(token)).toEqual(feed);
    });
  });
}
