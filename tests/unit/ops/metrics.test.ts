import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import { runScriptedSession } from './scriptedSession.ts';
import { PROCESS_TEST_TIMEOUT, startServerProcess } from './serverProcess.ts';

const TOKEN = 'metrics-token-for-the-test-0123456789';

/** `name{labels} value` lines of the Prometheus text format, as a map. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

describe('metrics', () => {
  const defer = deferCleanup();

  it(
    'OP3: /metrics needs the bearer token and counts what a scripted session did',
    async () => {
      const data = makeTempDir();
      defer(data.remove);
      const server = await startServerProcess(data.dir, {
        LOG_LEVEL: 'warn',
        SAMPLE_DATA: 'off',
        METRICS_TOKEN: TOKEN
      });
      defer(server.stop);

      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${server.url}/metrics`, {
        headers: { authorization: 'Bearer not-the-token-at-all' }
      });
      expect(wrong.status).toBe(401);

      await runScriptedSession(server.url);
      const scrape = async () => {
        const res = await fetch(`${server.url}/metrics`, {
          headers: { authorization: `Bearer ${TOKEN}` }
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/plain');
        return samples(await res.text());
      };
      // The server may read the socket's close frame after the client has moved on.
      let m = await scrape();
      await waitFor(
        async () => (m = await scrape()).get('uzel_websocket_connections') === 0,
        'the closed socket is no longer counted'
      );

      expect(m.get('uzel_updates_committed_total')).toBeGreaterThanOrEqual(1);
      expect(m.get('uzel_commit_duration_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(m.get('uzel_acknowledgements_total')).toBeGreaterThanOrEqual(1);
      // The session's socket closed normally; the room it edited is still in memory.
      expect(m.get('uzel_websocket_closes_total{code="1000"}')).toBe(1);
      expect(m.get('uzel_websocket_connections')).toBe(0);
      expect(m.get('uzel_rooms_in_memory')).toBeGreaterThanOrEqual(1);
      expect(m.get('uzel_http_requests_total{route="/api/auth/login",status="200"}')).toBe(1);
      expect(m.get('uzel_http_requests_total{route="/api/auth/login",status="401"}')).toBe(1);
      expect(m.get('uzel_http_requests_total{route="/api/auth/register",status="202"}')).toBe(1);
      expect(
        m.get('uzel_http_requests_total{route="/api/calendar-feeds/:token",status="200"}')
      ).toBe(1);
      expect(m.get('uzel_http_requests_total{route="/metrics",status="401"}')).toBe(2);
      expect(m.has('nodejs_eventloop_lag_seconds')).toBe(true);
      expect([...m.keys()].some((k) => k.startsWith('uzel_storage_errors_total'))).toBe(false);
      // Labels carry route patterns only: no feed token, no workspace id.
      expect([...m.keys()].every((k) => !k.includes('/api/workspaces/') || k.includes(':id'))).toBe(
        true
      );
    },
    PROCESS_TEST_TIMEOUT
  );

  it(
    'OP4: with METRICS_ADDRESS, /metrics is served there without a token and not on the app port',
    async () => {
      const data = makeTempDir();
      defer(data.remove);
      const server = await startServerProcess(data.dir, {
        LOG_LEVEL: 'warn',
        METRICS_ADDRESS: '127.0.0.1:0'
      });
      defer(server.stop);
      // The app port no longer knows /metrics; the separate listener is found through the log line.
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      const port = /metrics on http:\/\/127\.0\.0\.1:(\d+)/.exec(server.stdout())?.[1];
      expect(port).toBeDefined();
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(samples(await res.text()).get('uzel_websocket_connections')).toBe(0);
    },
    PROCESS_TEST_TIMEOUT
  );
});
