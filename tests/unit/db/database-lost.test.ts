import pg from 'pg';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnRelay, type ChildRelay } from '../helpers/childRelay.ts';
import { syncPayload, syncStep1Frame } from '../helpers/frames.ts';
import { OwnPostgres } from '../helpers/ownPostgres.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import { AckedWriter, ownerWithWorkspace, storedLines } from './writers.ts';

/** y-websocket's WebSocket class carrying the person's session cookie, as a browser would. */
function cookieSocket(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as unknown as typeof WebSocket;
}

async function readyz(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, text: await res.text() };
}

/** What PostgreSQL holds for a room, read on a connection of the test's own. */
async function storedRoom(url: string, room: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const snapshot = await client.query<{ data: Buffer }>(
      'SELECT data FROM room_snapshots WHERE room = $1',
      [room]
    );
    const updates = await client.query<{ data: Buffer }>(
      'SELECT data FROM room_updates WHERE room = $1 ORDER BY seq',
      [room]
    );
    return {
      snapshot: snapshot.rows[0] ? new Uint8Array(snapshot.rows[0].data) : null,
      updates: updates.rows.map((r) => ({ data: new Uint8Array(r.data) }))
    };
  } finally {
    await client.end();
  }
}

describe('DB7 the database is lost while the server runs, and comes back', () => {
  let postgres: OwnPostgres;
  let databaseUrl: string;
  let server: ChildRelay;
  const tmp = makeTempDir();

  beforeAll(async () => {
    postgres = await OwnPostgres.start();
    databaseUrl = await postgres.createDatabase('uzel');
    server = await spawnRelay(tmp.dir, {
      DATABASE_URL: databaseUrl,
      SAMPLE_DATA: 'off',
      ROOM_IDLE_MS: '60000'
    });
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    await postgres?.destroy();
    tmp.remove();
  });

  it('DB7 writes fail with 4503 and are not acknowledged, loaded rooms are still read, /readyz fails; once PostgreSQL is back the client reconnects by itself and its edits are stored', async () => {
    const { client, workspaceId } = await ownerWithWorkspace(server.url);
    const cookie = client.cookie!;
    const plan = `${workspaceId}/plan-vystavki`;
    const notes = `${workspaceId}/zametki`;

    // A device editing the plan with y-websocket, as the app does; it keeps its edits locally.
    const device = new Y.Doc();
    const closes: number[] = [];
    const provider = new WebsocketProvider(server.syncUrl, plan, device, {
      WebSocketPolyfill: cookieSocket(cookie) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 300
    });
    provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    await waitFor(() => provider.synced, 'the device is synced');
    device.getArray<string>('lines').push(['Выставка «Дымковская игрушка»']);
    await waitFor(
      async () => storedLines(await storedRoom(databaseUrl, plan)).length === 1,
      'the first edit is in PostgreSQL'
    );
    // A second device on the plan that waits for acknowledgements, and a reader of other notes.
    const writer = await AckedWriter.open(server.syncUrl, plan, cookie);
    expect(await writer.write('Открытие в 15:00')).toBe(true);
    const notesWriter = await AckedWriter.open(server.syncUrl, notes, cookie);
    expect(await notesWriter.write('Пригласить библиотеку')).toBe(true);
    const reader = await RawClient.open(`${server.syncUrl}/${notes}?token=`, {
      headers: { cookie }
    });
    await notesWriter.socket.close();
    expect((await readyz(server.url)).status).toBe(200);

    await postgres.stop();

    // Writing now: refused with the named code, never acknowledged.
    expect(await writer.write('Записано без базы?')).toBe(false);
    expect(writer.socket.closedWith?.code).toBe(4503);
    device.getArray<string>('lines').push(['Афиша готова']);
    await waitFor(() => closes.includes(4503), 'the device is told storage is unavailable');

    const ready = await readyz(server.url);
    expect(ready.status).toBe(503);
    expect(ready.text).toContain('database');

    // A room already in memory is still read: the reader asks again and is answered.
    const from = reader.received.length;
    reader.send(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    const { frame } = await reader.next((f) => syncPayload(f) !== null, 'the step 2 answer', from);
    const answered = new Y.Doc();
    Y.applyUpdate(answered, syncPayload(frame)!);
    expect(answered.getArray('lines').toArray()).toEqual(['Пригласить библиотеку']);
    expect(reader.closedWith).toBeNull();

    await postgres.resume();

    // Nobody restarts the server: the device's reconnects get in again and its edit is stored.
    await waitFor(
      async () => storedLines(await storedRoom(databaseUrl, plan)).includes('Афиша готова'),
      'the edit made while PostgreSQL was down is stored',
      30_000
    );
    const lines = storedLines(await storedRoom(databaseUrl, plan));
    expect(lines).toEqual(
      expect.arrayContaining(['Выставка «Дымковская игрушка»', 'Открытие в 15:00', 'Афиша готова'])
    );
    // What was never acknowledged was never committed either.
    expect(lines).not.toContain('Записано без базы?');
    await waitFor(async () => (await readyz(server.url)).status === 200, '/readyz is ready again');

    provider.destroy();
    await reader.close();
  }, 120_000);
});
