/**
 * HTTPS and websocket clients that trust the cluster's throwaway certificate and nothing else,
 * so every request in the tests goes through nginx's TLS the way a browser's would.
 */
import { request } from 'node:https';
import WebSocket from 'ws';
import type { Certificate } from './certificate.ts';

export type Reply = { status: number; body: string; cookies: string[] };

export function httpsClient(certificate: Certificate) {
  return function send(
    url: string,
    options: { method?: string; json?: unknown; cookie?: string } = {}
  ): Promise<Reply> {
    const target = new URL(url);
    const payload = options.json === undefined ? undefined : JSON.stringify(options.json);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: options.method ?? (payload ? 'POST' : 'GET'),
          ca: certificate.pem,
          // No connection reuse: each request is a fresh choice of nginx's upstream.
          agent: false,
          headers: {
            origin: target.origin,
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...(options.cookie ? { cookie: options.cookie } : {})
          }
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body,
              cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!)
            })
          );
        }
      );
      req.once('error', reject);
      req.end(payload);
    });
  };
}

/** A WebSocket class for y-websocket's `WebSocketPolyfill` that trusts the test certificate. */
export function trustingWebSocket(certificate: Certificate): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { ca: certificate.pem });
    }
  } as typeof WebSocket;
}
