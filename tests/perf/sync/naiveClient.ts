/**
 * The naive strategy the issue compares with: every room synced on its own, one y-websocket
 * connection per document (what the app did before, only for every document), each written to
 * y-indexeddb like the app. Bytes are websocket payloads both ways (handshakes not counted, as
 * HTTP headers are not counted for ours).
 */
import { WebSocket } from 'ws';
import { LocalPersistence } from '../../../src/lib/sync/LocalPersistence.ts';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { localDbName } from '../../../src/lib/sync/localRoom.ts';

export type NaiveCounters = { connections: number; bytesSent: number; bytesReceived: number };

function countingSocket(counters: NaiveCounters) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      counters.connections++;
      this.on(
        'message',
        (data: Buffer | ArrayBuffer) => (counters.bytesReceived += data.byteLength)
      );
    }
    override send(data: any, ...rest: any[]): void {
      counters.bytesSent += (data as Uint8Array).byteLength ?? 0;
      (super.send as (...a: any[]) => void)(data, ...rest);
    }
  };
}

async function syncRoom(
  syncUrl: string,
  room: string,
  token: string,
  counters: NaiveCounters
): Promise<void> {
  const doc = new Y.Doc();
  const persistence = new LocalPersistence(localDbName(room), doc);
  await persistence.whenSynced;
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    WebSocketPolyfill: countingSocket(counters) as never,
    params: { token },
    disableBc: true
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    provider.once('sync', () => resolve());
  });
  await persistence.flush();
  provider.destroy();
  await persistence.destroy();
  doc.destroy();
}

/** Syncs every room with at most `concurrency` connections open at once. */
export async function naiveSyncAll(
  syncUrl: string,
  rooms: string[],
  token: string,
  concurrency: number
): Promise<NaiveCounters> {
  const counters: NaiveCounters = { connections: 0, bytesSent: 0, bytesReceived: 0 };
  let next = 0;
  const worker = async () => {
    while (next < rooms.length) {
      const room = rooms[next++]!;
      await syncRoom(syncUrl, room, token, counters);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return counters;
}
