import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { runScriptedSession } from './scriptedSession.ts';
import { PROCESS_TEST_TIMEOUT, startServerProcess } from './serverProcess.ts';

describe('structured logs', () => {
  const defer = deferCleanup();

  it(
    'OP1: a scripted session leaves JSON lines with no password, cookie or token in them',
    async () => {
      const data = makeTempDir();
      defer(data.remove);
      const server = await startServerProcess(data.dir, { LOG_LEVEL: 'debug', SAMPLE_DATA: 'off' });
      defer(server.stop);

      const secrets = await runScriptedSession(server.url);
      await server.stop();
      const log = server.log();

      const lines = log.trim().split('\n');
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      // The log says what happened, including the requests whose URLs carried the secrets.
      const messages = entries.map((e) => e.msg);
      expect(messages).toEqual(
        expect.arrayContaining(['person registered', 'signed in', 'calendar feed created'])
      );
      const urls = entries.filter((e) => e.msg === 'http request').map((e) => String(e.url));
      expect(urls).toContain('/api/calendar-feeds/[redacted]');
      expect(entries.every((e) => typeof e.t === 'string' && typeof e.level === 'string')).toBe(
        true
      );

      for (const [what, secret] of Object.entries(secrets)) {
        expect(secret.length, what).toBeGreaterThan(8);
        expect(log.includes(secret), `${what} appears in the log`).toBe(false);
      }
      // Not even a recognisable part of the signed sync token (its signature).
      expect(log.includes(secrets.syncToken.slice(-20))).toBe(false);
    },
    PROCESS_TEST_TIMEOUT
  );
});
