import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { deferCleanup } from '../helpers/cleanup.ts';
import { DocClient } from '../helpers/docClient.ts';
import { awarenessFrame, MSG_AWARENESS, messageType } from '../helpers/frames.ts';
import { RawClient } from '../helpers/rawClient.ts';
import { TestRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import { openAs } from './attacks.ts';

const ROOM = 'ws-heartbeat/alone';

/** The awareness client ids an awareness message announces. */
function announced(frame: Uint8Array): number[] {
  if (messageType(frame) !== MSG_AWARENESS) return [];
  const outer = decoding.createDecoder(frame);
  decoding.readVarUint(outer);
  const d = decoding.createDecoder(decoding.readVarUint8Array(outer));
  const ids: number[] = [];
  for (let i = decoding.readVarUint(d); i > 0; i--) {
    ids.push(decoding.readVarUint(d));
    decoding.readVarUint(d);
    decoding.readVarString(d);
  }
  return ids;
}

describe('RL4 heartbeat and presence echo', () => {
  const defer = deferCleanup();

  it('RL4 a client alone in a room hears its own presence back, so y-websocket never finds the connection silent', async () => {
    const relay = await TestRelay.startFresh(defer);
    const client = await openAs(relay, ROOM, 'Анна', 'editor', false);
    defer(() => client.close());
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    defer(() => awareness.destroy());
    awareness.setLocalStateField('user', { name: 'Анна', color: '#336699' });
    client.send(awarenessFrame(awareness, [doc.clientID]));
    await client.next((f) => announced(f).includes(doc.clientID), 'its own presence comes back');
  });

  it('RL4 a lone y-websocket client stays on one connection across many shortened heartbeats', async () => {
    const relay = await TestRelay.startFresh(defer, { HEARTBEAT_MS: '100' });
    const client = new DocClient(relay.syncUrl, ROOM, { as: { name: 'Анна' } });
    defer(() => client.destroy());
    await waitFor(() => client.synced, 'the client is synced');
    const ws = client.provider.ws as unknown as WebSocket;
    let pings = 0;
    ws.on('ping', () => pings++);
    await waitFor(() => pings >= 8, 'eight pings arrive');
    expect(client.provider.ws).toBe(ws);
    expect(client.provider.wsconnected).toBe(true);
    expect(relay.server.relay.connectionCount).toBe(1);
  });

  it('RL4 a socket that stops answering pings is closed within two heartbeats', async () => {
    const relay = await TestRelay.startFresh(defer, { HEARTBEAT_MS: '100' });
    const alive = await RawClient.open(relay.roomUrl(ROOM));
    const gone = await RawClient.open(relay.roomUrl(ROOM), { autoPong: false });
    defer(() => alive.close());
    defer(() => gone.close());
    await gone.closed('the silent socket is closed');
    await waitFor(() => relay.server.relay.connectionCount === 1, 'the server let it go');
    expect(alive.closedWith).toBeNull();
  });
});
