import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { REDACTED, redactFields, redactText } from '../../../server/logRedaction.ts';

describe('what the log masks', () => {
  it('OP1 credential-named fields, nested ones and errors quoting secrets are masked', () => {
    const masked = redactFields({
      room: 'ws1/doc1',
      token: 'abc.def.ghi',
      Password: 'Сирень-цветёт',
      request: { headers: { cookie: 'uzel_session=s3cr3t', authorization: 'Bearer t0k3n' } },
      url: '/sync/ws1/doc1?acks=1&token=eyJzdWIi.sig&x=1',
      error: new Error('upstream said: Authorization: Bearer abcdef123456'),
      feeds: ['/api/calendar-feeds/Zq9fTk3mPq?x', '/api/invites/INV1tok/accept']
    });
    expect(masked).toEqual({
      room: 'ws1/doc1',
      token: REDACTED,
      Password: REDACTED,
      request: { headers: { cookie: REDACTED, authorization: REDACTED } },
      url: `/sync/ws1/doc1?acks=1&token=${REDACTED}&x=1`,
      error: `upstream said: Authorization: Bearer ${REDACTED}`,
      feeds: [`/api/calendar-feeds/${REDACTED}?x`, `/api/invites/${REDACTED}/accept`]
    });
    expect(redactText('cookie: a=1; uzel_session=abc; b=2')).toBe(
      `cookie: a=1; uzel_session=${REDACTED}; b=2`
    );
  });

  it('OP3 METRICS_TOKEN and METRICS_ADDRESS are checked at start', () => {
    // A credential is named, never repeated, even when it is refused.
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN=\(not shown\): must be at least 16 characters/
    );
    expect(() => loadConfig({ METRICS_ADDRESS: '9464' })).toThrow(
      /METRICS_ADDRESS="9464": must be host:port/
    );
    expect(() => loadConfig({ METRICS_ADDRESS: '127.0.0.1:70000' })).toThrow(/at most 65535/);
    expect(loadConfig({ METRICS_ADDRESS: '[::1]:9464' }).metrics.address).toEqual({
      host: '::1',
      port: 9464
    });
  });
});
