import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiServer } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { DocClient } from '../helpers/docClient.ts';
import { updateFrame } from '../helpers/frames.ts';
import { dbFileIn, TestRelay } from '../helpers/relay.ts';
import { StoreReader } from '../helpers/storedDoc.ts';
import { waitFor } from '../helpers/wait.ts';
import { postBatch } from '../sync/batchHttp.ts';
import { openAs } from './attacks.ts';

const ROOM = 'ws-clocks/minutes';

/**
 * What a member can build from what the room shows everyone: the room's state, then an edit made
 * under a colleague's client id at that colleague's next clock.
 */
function forgedAs(seen: Y.Doc, victimClient: number, text: string): Uint8Array {
  const forger = new Y.Doc();
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(seen));
  const before = Y.encodeStateVector(forger);
  forger.clientID = victimClient;
  forger.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(forger, before);
}

describe('RL3 each Yjs client id of a document belongs to the person who first wrote it', () => {
  const defer = deferCleanup();
  let relay: TestRelay;

  beforeEach(async () => {
    relay = await TestRelay.startFresh(defer);
  });

  it('RL3 an update under a colleague’s client id is refused with 4409, nothing stored, and the colleague’s offline work is kept, also after a restart', async () => {
    const anna = new DocClient(relay.syncUrl, ROOM, { acks: true, as: { name: 'Анна' } });
    defer(() => anna.destroy());
    await waitFor(() => anna.synced, 'Анна is synced');
    anna.text.insert(0, 'Повестка дня.');
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    const storedText = () => store.doc(ROOM).getText('body').toString();
    await waitFor(() => storedText() === 'Повестка дня.', 'Анна’s text is stored');

    // Анна goes offline and keeps typing; Борис pre-claims her next clocks.
    anna.provider.disconnect();
    anna.text.insert(anna.text.length, ' Пункт первый: бюджет.');
    const boris = await openAs(relay, ROOM, 'Борис');
    defer(() => boris.close());
    boris.send(updateFrame(forgedAs(store.doc(ROOM), anna.doc.clientID, 'ПОДДЕЛКА ')));
    expect(await boris.closed()).toEqual({
      code: 4409,
      reason: 'client id belongs to another person'
    });
    expect(storedText()).toBe('Повестка дня.');

    anna.provider.connect();
    await waitFor(
      () => storedText() === 'Повестка дня. Пункт первый: бюджет.',
      'Анна’s offline work is stored'
    );
    expect(anna.content).toBe('Повестка дня. Пункт первый: бюджет.');

    const restarted = await relay.restart();
    relay = restarted;
    defer(() => restarted.close());
    const again = await openAs(restarted, ROOM, 'Борис');
    defer(() => again.close());
    again.send(updateFrame(forgedAs(store.doc(ROOM), anna.doc.clientID, 'СНОВА ')));
    expect((await again.closed()).code).toBe(4409);
  });

  it('RL3 one person on two devices (two client ids) and one device reconnecting under its client id keep working', async () => {
    const laptop = new DocClient(relay.syncUrl, ROOM, { acks: true, as: { name: 'Анна' } });
    const tablet = new DocClient(relay.syncUrl, ROOM, { acks: true, as: { name: 'Анна' } });
    defer(() => laptop.destroy());
    defer(() => tablet.destroy());
    await waitFor(() => laptop.synced && tablet.synced, 'both devices are synced');
    laptop.text.insert(0, 'Ноутбук.');
    await waitFor(() => tablet.content === 'Ноутбук.', 'the tablet sees the laptop');
    tablet.text.insert(tablet.text.length, ' Планшет.');
    await waitFor(() => laptop.content === 'Ноутбук. Планшет.', 'the laptop sees the tablet');
    laptop.provider.disconnect();
    laptop.text.insert(laptop.text.length, ' Снова ноутбук.');
    laptop.provider.connect();
    await waitFor(
      () => tablet.content === 'Ноутбук. Планшет. Снова ноутбук.',
      'the reconnected laptop’s edit arrives'
    );
  });
});

describe('RL3 the batch sync writes as the person who sent it', () => {
  const defer = deferCleanup();

  it('RL3 a member’s batch under the owner’s client id is refused with 422 client_id_taken; the owner’s own next batch is stored', async () => {
    const server = await ApiServer.start(defer);
    const { owner, workspaceId } = await server.workspace();
    const boris = await server.member(owner.client, workspaceId, 'editor', 'Борис Ефимов');
    const ownerDoc = new Y.Doc();
    ownerDoc.getText('body').insert(0, 'Смета.');
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = await postBatch(owner.client, workspaceId, [
      { docId: 'budget', stateVector: empty, update: Y.encodeStateAsUpdate(ownerDoc) }
    ]);
    expect(first.status).toBe(200);

    const forged = await postBatch(boris.client, workspaceId, [
      {
        docId: 'budget',
        stateVector: empty,
        update: forgedAs(ownerDoc, ownerDoc.clientID, 'ПОДДЕЛКА ')
      }
    ]);
    expect(forged.status).toBe(422);
    expect(forged.error?.error).toBe('client_id_taken');

    const before = Y.encodeStateVector(ownerDoc);
    ownerDoc.getText('body').insert(6, ' Утверждена.');
    const next = await postBatch(owner.client, workspaceId, [
      { docId: 'budget', stateVector: empty, update: Y.encodeStateAsUpdate(ownerDoc, before) }
    ]);
    expect(next.status).toBe(200);
    const store = new StoreReader(dbFileIn(server.dataDir));
    defer(() => store.close());
    expect(store.doc(`${workspaceId}/budget`).getText('body').toString()).toBe(
      'Смета. Утверждена.'
    );
  });
});
