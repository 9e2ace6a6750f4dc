import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { serverFrame } from '../../../server/relay/serverFrame.ts';

describe('frames built once per broadcast', () => {
  let wss: WebSocketServer;
  let serverSide: Duplex;
  let client: WebSocket;
  const received: Buffer[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const connected = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    client.on('message', (data: Buffer, isBinary) => {
      if (isBinary) received.push(data);
    });
    const ws = await connected;
    serverSide = (ws as unknown as { _socket: Duplex })._socket;
    await new Promise<void>((resolve) =>
      client.readyState === 1 ? resolve() : client.once('open', () => resolve())
    );
  });

  afterAll(async () => {
    client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it.each([0, 1, 125, 126, 1000, 65535, 65536])(
    'a %i-byte message written as a shared frame reaches a ws client whole',
    async (length) => {
      const payload = new Uint8Array(length).map((_, i) => i % 251);
      const from = received.length;
      serverSide.write(serverFrame(payload));
      await expect.poll(() => received.length).toBe(from + 1);
      expect(received[from]!.equals(payload)).toBe(true);
    }
  );

  it('the same payload sent again is the same frame; another payload gets its own', () => {
    const a = new Uint8Array([0, 2, 1, 7]);
    const b = new Uint8Array([0, 2, 1, 8]);
    expect(serverFrame(a)).toBe(serverFrame(a));
    expect([...serverFrame(b)]).toEqual([0x82, 4, 0, 2, 1, 8]);
  });
});
