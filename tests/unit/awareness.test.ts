import { beforeEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { deferCleanup } from './helpers/cleanup.ts';
import { DocClient } from './helpers/docClient.ts';
import { awarenessFrame } from './helpers/frames.ts';
import { RawClient } from './helpers/rawClient.ts';
import { TestRelay } from './helpers/relay.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-presence/doc-1';
// y-protocols drops a silent peer after 30 s on its own; waiting far less proves the relay did it.
const WELL_BEFORE_THE_AWARENESS_TIMEOUT = 5_000;

describe('awareness (presence) through the relay', () => {
  const defer = deferCleanup();
  let relay: TestRelay;

  beforeEach(async () => {
    relay = await TestRelay.startFresh(defer);
  });

  function client(name?: string): DocClient {
    const c = new DocClient(relay.syncUrl, ROOM, { as: { name } });
    defer(() => c.destroy());
    return c;
  }

  const userOf = (c: DocClient, clientId: number) =>
    (
      c.provider.awareness.getStates().get(clientId) as
        { user?: { name: string; color?: string } } | undefined
    )?.user;

  it('AW1 a client sees the name of another client in the same room', async () => {
    const a = client('Анна, методист');
    const b = client('Борис');
    a.provider.awareness.setLocalStateField('user', { name: 'Анна, методист', color: '#2f5d50' });
    await waitFor(
      () => userOf(b, a.doc.clientID)?.name === 'Анна, методист',
      "B sees A's presence"
    );

    a.provider.awareness.setLocalStateField('user', { name: 'Анна, методист', color: '#aa0000' });
    await waitFor(
      () => userOf(b, a.doc.clientID)?.color === '#aa0000',
      "B sees A's changed presence"
    );
  });

  it('AW4 the name shown is the authenticated one, whatever the client claims', async () => {
    const a = client('Анна, методист');
    const b = client('Борис');
    a.provider.awareness.setLocalStateField('user', { name: 'Борис', color: '#2f5d50' });
    await waitFor(() => userOf(b, a.doc.clientID) !== undefined, "B sees A's presence");
    expect(userOf(b, a.doc.clientID)?.name).toBe('Анна, методист');
  });

  it("AW5 a client cannot change or remove another person's presence", async () => {
    const a = client('Анна, методист');
    const b = client('Борис');
    a.provider.awareness.setLocalStateField('user', { name: 'Анна, методист', color: '#2f5d50' });
    await waitFor(() => userOf(b, a.doc.clientID) !== undefined, "B sees A's presence");

    // A forger replays A's client id: first with a new state, then with "gone" (null).
    const forgerDoc = new Y.Doc();
    forgerDoc.clientID = a.doc.clientID;
    const forged = new Awareness(forgerDoc);
    defer(() => (forged.destroy(), forgerDoc.destroy()));
    const raw = await RawClient.open(relay.roomUrl(ROOM));
    defer(() => raw.terminate());
    forged.setLocalStateField('user', { name: 'Подделка', color: '#000' });
    // A far higher clock than A's, so only the relay's ownership check can stop it.
    const meta = forged.meta.get(forgerDoc.clientID)!;
    meta.clock = 1000;
    raw.send(awarenessFrame(forged, [forgerDoc.clientID]));
    forged.setLocalState(null);
    forged.meta.get(forgerDoc.clientID)!.clock = 1001;
    raw.send(awarenessFrame(forged, [forgerDoc.clientID]));

    // A's next change still arrives, and nothing the forger sent ever did.
    a.provider.awareness.setLocalStateField('user', { name: 'Анна, методист', color: '#00aa00' });
    await waitFor(() => userOf(b, a.doc.clientID)?.color === '#00aa00', "A's own update arrives");
    expect(userOf(b, a.doc.clientID)?.name).toBe('Анна, методист');
    const room = await relay.server.registry.peek(ROOM);
    expect(
      (room?.awareness.getStates().get(a.doc.clientID) as { user: { name: string } }).user.name
    ).toBe('Анна, методист');
  });

  it('AW3 a client that joins later receives the presence of those already there', async () => {
    const a = client('Педагог');
    a.provider.awareness.setLocalStateField('user', { name: 'Педагог', color: '#aa3300' });
    await waitFor(
      async () =>
        (await relay.server.registry.peek(ROOM))?.awareness.getStates().has(a.doc.clientID) ===
        true,
      'the relay knows A'
    );

    const late = client();
    await waitFor(() => userOf(late, a.doc.clientID)?.name === 'Педагог', 'the late client sees A');
  });

  it('AW2 presence is removed when a client disconnects', async () => {
    const a = client();
    const b = client();
    a.provider.awareness.setLocalStateField('user', { name: 'Уходящий', color: '#000' });
    await waitFor(() => userOf(b, a.doc.clientID) !== undefined, "B sees A's presence");

    a.destroy();
    await waitFor(
      () => !b.provider.awareness.getStates().has(a.doc.clientID),
      "A's presence is gone at B",
      WELL_BEFORE_THE_AWARENESS_TIMEOUT
    );
  });

  it('AW2 presence is removed when a socket drops without saying goodbye', async () => {
    const b = client();
    await waitFor(() => b.synced, 'B is synced');
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    defer(() => (awareness.destroy(), doc.destroy()));
    awareness.setLocalStateField('user', { name: 'Планшет без сети', color: '#123456' });

    const raw = await RawClient.open(relay.roomUrl(ROOM));
    defer(() => raw.terminate());
    raw.send(awarenessFrame(awareness, [doc.clientID]));
    await waitFor(() => userOf(b, doc.clientID) !== undefined, 'B sees the tablet');

    // No awareness "null" state is sent: only the relay can tell B that this peer is gone.
    raw.terminate();
    await waitFor(
      () => !b.provider.awareness.getStates().has(doc.clientID),
      "the tablet's presence is gone at B",
      WELL_BEFORE_THE_AWARENESS_TIMEOUT
    );
    const room = await relay.server.registry.peek(ROOM);
    expect(room?.awareness.getStates().has(doc.clientID)).toBe(false);
  });

  it('AW6 a first presence with clock 0 (which y-protocols ignores) and a dropped socket leave the relay serving', async () => {
    const b = client('Борис');
    await waitFor(() => b.synced, 'B is synced');
    const doc = new Y.Doc();
    const awareness = new Awareness(doc); // its state starts at clock 0
    defer(() => (awareness.destroy(), doc.destroy()));
    const raw = await RawClient.open(relay.roomUrl(ROOM));
    raw.send(awarenessFrame(awareness, [doc.clientID]));
    await raw.next((f) => f[0] === 0, 'admitted');
    raw.terminate();
    await waitFor(
      async () => (await relay.server.registry.peek(ROOM))?.peerCount === 1,
      'the raw client left'
    );
    const c = client('Вера');
    b.text.insert(0, 'всё работает');
    await waitFor(() => c.content === 'всё работает', 'a new client still syncs');
  });
});
