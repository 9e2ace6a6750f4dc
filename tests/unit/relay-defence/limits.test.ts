import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deferCleanup } from '../helpers/cleanup.ts';
import { savedCount, updateFrame } from '../helpers/frames.ts';
import { TestRelay } from '../helpers/relay.ts';
import { StoreReader } from '../helpers/storedDoc.ts';
import { openAs, recordUpdates } from './attacks.ts';

/** `count` edits of about `bytes` each, one after another in one doc, as a flooder would send. */
function bigEdits(count: number, bytes: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates = recordUpdates(doc);
  for (let i = 0; i < count; i++) doc.getText('body').insert(0, 'ж'.repeat(bytes / 2));
  return updates;
}

describe('RL5 write limits count bytes, per connection, per person and per workspace', () => {
  const defer = deferCleanup();

  it('RL5 a connection sending more bytes per second than WRITE_BYTES_PER_SECOND is closed with 4531', async () => {
    const relay = await TestRelay.startFresh(defer, {
      WRITE_BYTES_PER_SECOND: '100000',
      MAX_MESSAGE_BYTES: '200000'
    });
    const flooder = await openAs(relay, 'ws-bytes/a', 'Флудер');
    defer(() => flooder.close());
    for (const update of bigEdits(8, 60_000)) flooder.send(updateFrame(update));
    expect(await flooder.closed()).toEqual({ code: 4531, reason: 'write rate exceeded' });
  });

  it('RL5 reconnecting does not refill a person’s byte budget (USER_WRITE_BYTES_PER_SECOND)', async () => {
    const relay = await TestRelay.startFresh(defer, {
      // Slow enough to refill that a loaded machine cannot make the second edit fit.
      USER_WRITE_BYTES_PER_SECOND: '10000',
      MAX_MESSAGE_BYTES: '200000'
    });
    const [first, second] = bigEdits(2, 150_000);
    const one = await openAs(relay, 'ws-bytes/b', 'Флудер');
    defer(() => one.close());
    one.send(updateFrame(first!));
    await one.next((f) => savedCount(f) === 1, 'the first large edit is saved');
    await one.close();

    const two = await openAs(relay, 'ws-bytes/b', 'Флудер');
    defer(() => two.close());
    two.send(updateFrame(second!));
    expect((await two.closed()).code).toBe(4531);
    // Someone else is not held back by that person's budget.
    const other = await openAs(relay, 'ws-bytes/b', 'Анна');
    defer(() => other.close());
    other.send(updateFrame(bigEdits(1, 150_000)[0]!));
    await other.next((f) => savedCount(f) === 1, 'another person’s edit is saved');
  });

  it('RL5 a workspace past DOC_WORKSPACE_QUOTA_BYTES refuses the next update with 4413 and stores nothing of it', async () => {
    const relay = await TestRelay.startFresh(defer, { DOC_WORKSPACE_QUOTA_BYTES: '50000' });
    const writer = await openAs(relay, 'ws-quota/first', 'Анна');
    defer(() => writer.close());
    writer.send(updateFrame(bigEdits(1, 30_000)[0]!));
    await writer.next((f) => savedCount(f) === 1, 'the first document is saved');

    const next = await openAs(relay, 'ws-quota/second', 'Анна');
    defer(() => next.close());
    next.send(updateFrame(bigEdits(1, 30_000)[0]!));
    expect(await next.closed()).toEqual({
      code: 4413,
      reason: 'workspace document quota exceeded'
    });
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    expect(store.counts('ws-quota/second')).toEqual({ updates: 0, snapshots: 0 });
    // Another workspace has its own quota.
    const elsewhere = await openAs(relay, 'ws-other/doc', 'Анна');
    defer(() => elsewhere.close());
    elsewhere.send(updateFrame(bigEdits(1, 30_000)[0]!));
    await elsewhere.next((f) => savedCount(f) === 1, 'another workspace still takes edits');
  });
});
