import { beforeEach, describe, expect, it } from 'vitest';
import { deferCleanup } from './helpers/cleanup.ts';
import { DocClient } from './helpers/docClient.ts';
import { RawClient, rawUpgrade, upgradeStatus } from './helpers/rawClient.ts';
import { TestRelay } from './helpers/relay.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-origin/doc-1';

describe('websocket upgrade', () => {
  const defer = deferCleanup();
  let relay: TestRelay;

  beforeEach(async () => {
    relay = await TestRelay.startFresh(defer, {
      ALLOWED_ORIGINS: 'https://partner.example, https://uzel.example'
    });
  });

  describe('origin', () => {
    it('OR1 an upgrade from a foreign origin is refused with 403', async () => {
      expect(await upgradeStatus(relay.roomUrl(ROOM), { origin: 'http://evil.example' })).toBe(403);
      // A sandboxed page sends the literal origin "null".
      expect(await upgradeStatus(relay.roomUrl(ROOM), { origin: 'null' })).toBe(403);
      // Same host name, other port: another site as far as the browser is concerned.
      expect(await upgradeStatus(relay.roomUrl(ROOM), { origin: 'http://127.0.0.1:1' })).toBe(403);
      expect(relay.server.relay.connectionCount).toBe(0);
    });

    it("OR1 the server's own origin, a configured origin and no origin are accepted", async () => {
      expect(await upgradeStatus(relay.roomUrl(ROOM), { origin: relay.url })).toBe(101);
      expect(await upgradeStatus(relay.roomUrl(ROOM), { origin: 'https://partner.example' })).toBe(
        101
      );
      expect(await upgradeStatus(relay.roomUrl(ROOM), { origin: 'https://uzel.example' })).toBe(
        101
      );
      // Non-browser clients (scripts, tests, other servers) send no Origin at all.
      expect(await upgradeStatus(relay.roomUrl(ROOM))).toBe(101);
    });
  });

  describe('room name', () => {
    const BAD_NAMES: [string, string][] = [
      ['no document id', 'only-workspace'],
      ['an extra path segment', 'ws/doc/extra'],
      ['an empty document id', 'ws/'],
      ['a character outside the id alphabet', 'ws/doc.1'],
      ['an encoded slash too many', 'ws%2Fdoc%2Fx'],
      ['an id longer than 64 characters', `ws/${'x'.repeat(65)}`],
      ['a broken percent-encoding', 'ws/%E0%A4%A'],
      ['a non-ASCII id', 'ws/%D0%B4%D0%BE%D0%BA']
    ];

    it.each(BAD_NAMES)('RN1 a room name with %s is closed with 4404', async (_what, name) => {
      const client = await RawClient.open(relay.roomUrl(name));
      defer(() => client.terminate());
      expect(await client.closed()).toEqual({ code: 4404, reason: 'invalid room name' });
      expect(relay.server.registry.loadedRoomCount).toBe(0);
    });

    it('RN1 the relay keeps serving after refusing bad names', async () => {
      for (const name of ['ws/%E0%A4%A', '%', 'a/b/c']) {
        const bad = await RawClient.open(relay.roomUrl(name));
        defer(() => bad.terminate());
        await bad.closed();
      }
      const a = new DocClient(relay.syncUrl, 'A-z_0-9/Doc_-1');
      defer(() => a.destroy());
      await waitFor(() => a.synced, 'a client of a valid room is synced');
    });

    it('RN2 an upgrade whose target is not a URL is dropped, and the relay keeps serving', async () => {
      for (const target of ['http://[', '//[']) {
        expect(await rawUpgrade(relay.server.port, target)).not.toMatch(/ 101 /);
      }
      const a = new DocClient(relay.syncUrl, ROOM);
      defer(() => a.destroy());
      await waitFor(() => a.synced, 'a client is synced afterwards');
    });

    it('RN1 a y-websocket client told 4404 stops reconnecting', async () => {
      const client = new DocClient(relay.syncUrl, 'not-a-room');
      defer(() => client.destroy());
      let closes = 0;
      client.provider.on('connection-close', () => closes++);
      const closed = new Promise<{ code: number }>((resolve) =>
        client.provider.on('closed', (event) => resolve(event))
      );
      expect((await closed).code).toBe(4404);
      expect(client.provider.shouldConnect).toBe(false);
      expect(closes).toBe(1);
    });
  });
});
