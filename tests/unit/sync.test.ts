import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deferCleanup } from './helpers/cleanup.ts';
import { DocClient } from './helpers/docClient.ts';
import { TestRelay } from './helpers/relay.ts';
import { docOf, sameState } from './helpers/storedDoc.ts';
import { waitFor } from './helpers/wait.ts';

const ROOM = 'ws-sync/doc-1';

describe('sync between y-websocket clients', () => {
  const defer = deferCleanup();
  let relay: TestRelay;

  beforeEach(async () => {
    relay = await TestRelay.startFresh(defer);
  });

  function client(room = ROOM, options?: { connect?: boolean }): DocClient {
    const c = new DocClient(relay.syncUrl, room, options);
    defer(() => c.destroy());
    return c;
  }

  it('SY1 two y-websocket clients converge', async () => {
    const a = client();
    const b = client();
    await waitFor(() => a.synced && b.synced, 'both clients are synced');

    a.text.insert(0, 'План совместного проекта');
    await waitFor(() => b.content === 'План совместного проекта', 'B sees what A typed');

    b.text.insert(b.text.length, ': мастер-классы');
    await waitFor(
      () => a.content === 'План совместного проекта: мастер-классы',
      'A sees what B typed'
    );
    expect(sameState(a.doc, b.doc)).toBe(true);
  });

  it('SY1 concurrent edits from both clients converge to the same text', async () => {
    const a = client();
    const b = client();
    await waitFor(() => a.synced && b.synced, 'both clients are synced');

    // Interleaved in one turn of the event loop, so neither has seen the other's edits yet.
    for (let i = 0; i < 25; i++) {
      a.text.insert(0, `a${i};`);
      b.text.insert(b.text.length, `b${i};`);
      if (i % 5 === 4) {
        a.text.delete(0, 1);
        b.text.delete(b.text.length - 1, 1);
      }
    }

    await waitFor(
      () => a.content === b.content && a.content.length > 0 && sameState(a.doc, b.doc),
      'A and B agree'
    );
    for (let i = 0; i < 25; i++) {
      if (i % 5 !== 4) {
        expect(a.content).toContain(`a${i};`);
        expect(a.content).toContain(`b${i};`);
      }
    }
    const room = await relay.server.registry.peek(ROOM);
    expect(room && sameState(docOf(room.committedUpdate()), a.doc)).toBe(true);
  });

  it('SY5 edits made while disconnected reach the other client after reconnecting', async () => {
    const a = client();
    const b = client();
    await waitFor(() => a.synced && b.synced, 'both clients are synced');
    a.text.insert(0, 'общий текст');
    await waitFor(() => b.content === 'общий текст', 'B has the shared text');

    a.provider.disconnect();
    a.text.insert(0, 'Черновик: ');
    b.text.insert(b.text.length, ' (правка B)');
    await waitFor(() => b.content === 'общий текст (правка B)', "B's own edit is applied");
    expect(a.content).toBe('Черновик: общий текст');

    a.provider.connect();
    await waitFor(
      () => a.content === 'Черновик: общий текст (правка B)' && sameState(a.doc, b.doc),
      'A and B agree'
    );
  });

  it('SY4 an update in one room never reaches a client of another room', async () => {
    const a = client('ws-sync/doc-a');
    const a2 = client('ws-sync/doc-a');
    const b = client('ws-sync/doc-b');
    const b2 = client('ws-sync/doc-b');
    await waitFor(() => a.synced && a2.synced && b.synced && b2.synced, 'all clients are synced');

    b.text.insert(0, 'только в doc-b');
    // Fan-out to every peer happens in one step: once b2 has it, a leak to a2 would be on its way.
    await waitFor(() => b2.content === 'только в doc-b', 'the other doc-b client sees the edit');
    a.text.insert(0, 'только в doc-a');
    // Same socket, so anything sent to a2 earlier has arrived by now.
    await waitFor(() => a2.content === 'только в doc-a', 'the other doc-a client sees the edit');

    expect(a2.content).not.toContain('doc-b');
    expect(b2.content).not.toContain('doc-a');
  });

  it('SY6 a large room reaches a new client in several messages, and "synced" comes after the last', async () => {
    const writer = client();
    await waitFor(() => writer.synced, 'the writer is synced');
    const entries = writer.doc.getMap<Y.Map<string>>('documents');
    writer.doc.transact(() => {
      for (let i = 0; i < 3000; i++) {
        const entry = new Y.Map<string>();
        entries.set(`doc${i}`, entry);
        entry.set('title', `Народная тряпичная кукла — ${i}`);
        entry.set('type', 'methodology');
        entry.set('parent', `folder${i % 60}`);
      }
    });
    const check = client();
    await waitFor(
      () => check.synced && check.doc.getMap('documents').size === 3000,
      'a second client holds every entry'
    );

    const reader = client(ROOM, { connect: false });
    const messages: number[] = [];
    let sizeWhenSynced = -1;
    reader.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === reader.provider) messages.push(reader.doc.getMap('documents').size);
    });
    reader.provider.on('sync', (synced: boolean) => {
      if (synced && sizeWhenSynced < 0) sizeWhenSynced = reader.doc.getMap('documents').size;
    });
    reader.provider.connect();
    await waitFor(() => sizeWhenSynced >= 0, 'the reader is synced');
    expect(sizeWhenSynced).toBe(3000);
    expect(messages.length).toBeGreaterThan(2);
    expect(messages[0]).toBeLessThan(3000); // the first message held only part of the entries
    expect(sameState(reader.doc, writer.doc)).toBe(true);
  });
});
