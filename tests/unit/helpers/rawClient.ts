import net from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';
import { withToken } from './credentials.ts';
import { waitFor } from './wait.ts';

export type Closed = { code: number; reason: string };

/**
 * A bare websocket that records every frame, for what a y-websocket provider cannot do on
 * purpose: send broken frames, inspect Uzel's "saved" messages, drop the socket without a goodbye.
 */
export class RawClient {
  readonly ws: WebSocket;
  readonly received: Uint8Array[] = [];
  closedWith: Closed | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => this.received.push(new Uint8Array(data)));
    ws.on('close', (code, reason) => (this.closedWith = { code, reason: reason.toString() }));
  }

  static open(url: string, options?: ClientOptions): Promise<RawClient> {
    const ws = new WebSocket(withToken(url), options);
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`))
      );
    });
  }

  send(data: Uint8Array | string): void {
    this.ws.send(data);
  }

  /** Waits for the first frame from `from` on that satisfies `match`; returns it and its index. */
  async next(
    match: (frame: Uint8Array) => boolean,
    what: string,
    from = 0
  ): Promise<{ frame: Uint8Array; index: number }> {
    let found = -1;
    await waitFor(
      () => (found = this.received.findIndex((f, i) => i >= from && match(f))) >= 0,
      what
    );
    return { frame: this.received[found]!, index: found };
  }

  async closed(what = 'the server closes the socket'): Promise<Closed> {
    await waitFor(() => this.closedWith !== null, what);
    return this.closedWith!;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  /** Drops the TCP connection without a close frame, as a crashed tab or a lost network would. */
  terminate(): void {
    this.ws.terminate();
  }
}

/** Attempts an upgrade and reports the HTTP status of a refusal, or 101 when it was accepted. */
export function upgradeStatus(url: string, options?: ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(withToken(url), options);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

/**
 * Sends a hand-written upgrade request over plain TCP, for request targets no websocket library
 * would produce, and resolves with the status line (empty when the socket was just closed).
 */
export function rawUpgrade(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let response = '';
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
      )
    );
    socket.on('data', (chunk) => (response += chunk.toString('latin1')));
    socket.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)
    );
    socket.on('close', () => resolve(response.split('\r\n')[0] ?? ''));
  });
}
