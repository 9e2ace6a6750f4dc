import { existsSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts';
import { deferCleanup } from './helpers/cleanup.ts';
import { DocClient } from './helpers/docClient.ts';
import { updateFrame } from './helpers/frames.ts';
import { RawClient } from './helpers/rawClient.ts';
import { makeTempDir, TestRelay } from './helpers/relay.ts';
import { StoreReader } from './helpers/storedDoc.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-stop/doc-1';

function listenOn(port: number): Promise<void> {
  const probe = net.createServer();
  return new Promise((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

describe('graceful shutdown', () => {
  const defer = deferCleanup();

  it('GS1 close() stores what was received, says "going away" to clients and releases the port and the file', async () => {
    const relay = await TestRelay.startFresh(defer);
    const port = relay.server.port;

    const watcher = new DocClient(relay.syncUrl, ROOM);
    defer(() => watcher.destroy());
    const closeCodes: number[] = [];
    watcher.provider.on('connection-close', (event) => event && closeCodes.push(event.code));
    const writer = await RawClient.open(relay.roomUrl(ROOM));
    defer(() => writer.terminate());
    await waitFor(
      async () => (await relay.server.registry.peek(ROOM))?.peerCount === 2,
      'both clients joined'
    );

    // Shut down the moment the relay has taken the update in, before its batch is committed, as
    // a SIGTERM arriving at that instant would.
    const room = (await relay.server.registry.peek(ROOM))!;
    const reader = new StoreReader(relay.dbFile);
    defer(() => reader.close());
    let inFileWhenClosing: boolean | null = null;
    let closing: Promise<void> | null = null;
    // The room keeps no doc to listen to: its `apply` is where an update is taken in.
    const apply = room.apply.bind(room);
    room.apply = (...args) => {
      apply(...args);
      queueMicrotask(() => {
        if (closing) return;
        inFileWhenClosing = reader.doc(ROOM).getText('body').length > 0;
        reader.close();
        closing = relay.close();
      });
    };
    const local = new Y.Doc();
    local.getText('body').insert(0, 'последняя правка перед остановкой');
    writer.send(updateFrame(Y.encodeStateAsUpdate(local)));

    await waitFor(() => closing !== null, 'the relay has received the update and is stopping');
    await closing;
    expect(inFileWhenClosing).toBe(false);
    expect(relay.close()).toBe(closing);

    expect(await writer.closed()).toEqual({ code: 1001, reason: 'server is restarting' });
    await waitFor(() => closeCodes.length > 0, 'the y-websocket client saw the close');
    expect(closeCodes[0]).toBe(1001);

    // The file is closed cleanly (the write-ahead log folded in) and holds the update.
    expect(existsSync(relay.dbFile + '-wal')).toBe(false);
    const storage = new SqliteStorage(relay.dbFile);
    defer(() => storage.close());
    const stored = await storage.load(ROOM);
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u.data);
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    expect(doc.getText('body').toString()).toBe('последняя правка перед остановкой');

    await listenOn(port);
  });

  it('GS1 an idle relay closes at once and can be started again on the same folder', async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const first = await TestRelay.start(tmp.dir);
    const port = first.server.port;
    await first.close();
    await listenOn(port);

    const second = await TestRelay.start(tmp.dir);
    defer(() => second.close());
    const res = await fetch(`${second.url}/healthz`);
    expect(await res.text()).toBe('ok');
  });

  it('GS1 an HTTP connection left open mid-request does not keep the server from closing', async () => {
    const relay = await TestRelay.startFresh(defer);
    // A client that started a request and went quiet (a tablet that lost its network, or a
    // page whose keep-alive connection is never idle when the server stops).
    const socket = net.connect(relay.server.port, '127.0.0.1');
    defer(() => socket.destroy());
    // The server may end the half-sent request with a reset; that is how it lets go, not a fault.
    const socketErrors: string[] = [];
    socket.on('error', (error: NodeJS.ErrnoException) =>
      socketErrors.push(error.code ?? error.message)
    );
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await waitFor(
      () =>
        new Promise<boolean>((resolve) =>
          relay.server.http.getConnections((error, count) => resolve(!error && count > 0))
        ),
      'the server holds the connection'
    );

    const closed = await Promise.race([
      relay.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 10 s'), 10_000))
    ]);
    expect(closed).toBe('closed');
    await socketClosed;
    expect(socketErrors.filter((code) => code !== 'ECONNRESET')).toEqual([]);
  });
});
