import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Logger } from '../../../server/log.ts';
import type { CommittedBatch, RegistryHooks } from '../../../server/relay/RegistryHooks.ts';
import { RoomRegistry } from '../../../server/relay/RoomRegistry.ts';
import { SqliteStorage } from '../../../server/storage/SqliteStorage.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { GatedStorage } from '../helpers/gatedStorage.ts';
import { makeTempDir } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

/** A logger that keeps the errors, so a test can see what a failing hook left behind. */
function recordingLogger(errors: { msg: string; fields?: Record<string, unknown> }[]): Logger {
  const ignore = () => undefined;
  return {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (msg, fields) => errors.push({ msg, fields })
  };
}

/** The text a room holds in storage (snapshot and updates), read past the registry. */
async function storedText(storage: SqliteStorage, room: string): Promise<string> {
  const stored = await storage.load(room);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return doc.getText('body').toString();
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Hooks that write every call into `events` as `<name>.<hook> <room>`. */
function recorder(name: string, events: string[]): RegistryHooks {
  return {
    name,
    beforeLoad: async (room) => void events.push(`${name}.beforeLoad ${room}`),
    afterLoad: (room) => void events.push(`${name}.afterLoad ${room.name}`),
    loadFailed: (room) => void events.push(`${name}.loadFailed ${room}`),
    committed: ({ rooms }) => {
      for (const { room } of rooms) events.push(`${name}.committed ${room}`);
    },
    beforeEvict: (room) => void events.push(`${name}.beforeEvict ${room.name}`)
  };
}

describe('registry lifecycle hooks', () => {
  const defer = deferCleanup();

  function registryOn(options: { idleMs?: number; log?: Logger } = {}) {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const sqlite = new SqliteStorage(path.join(tmp.dir, 'uzel.sqlite'));
    const storage = new GatedStorage(sqlite);
    const errors: { msg: string; fields?: Record<string, unknown> }[] = [];
    const registry = new RoomRegistry(storage, options.log ?? recordingLogger(errors), {
      idleMs: options.idleMs ?? 60_000,
      compactAfterUpdates: 1000
    });
    defer(async () => {
      storage.release();
      await registry.close();
      await sqlite.close();
    });
    return { registry, storage, sqlite, errors };
  }

  it('AR2 hooks hear load, commit and eviction in that order, each event in the order the hooks were added', async () => {
    const { registry } = registryOn({ idleMs: 20 });
    const events: string[] = [];
    registry.use(recorder('first', events));
    registry.use(recorder('second', events));

    await registry.submitDetached('w1/doc', textUpdate('Программа семинара'), 'user-1');
    await waitFor(() => events.includes('second.beforeEvict w1/doc'), 'the idle room is evicted');

    expect(events).toEqual([
      'first.beforeLoad w1/doc',
      'second.beforeLoad w1/doc',
      'first.afterLoad w1/doc',
      'second.afterLoad w1/doc',
      'first.committed w1/doc',
      'second.committed w1/doc',
      'first.beforeEvict w1/doc',
      'second.beforeEvict w1/doc'
    ]);
  });

  it('AR2 the committed hook gets the batch in commit order with sequence numbers and authors', async () => {
    const { registry } = registryOn();
    const batches: { room: string; seq: number }[][] = [];
    const rooms: CommittedBatch['rooms'] = [];
    registry.use({
      name: 'probe',
      committed: (batch) => {
        batches.push(batch.updates.map(({ room, seq }) => ({ room, seq })));
        rooms.push(...batch.rooms);
      }
    });
    await registry.submitDetached('w1/a', textUpdate('Цели'), 'user-1');
    await registry.submitDetached('w1/a', textUpdate('Задачи'), 'user-1');

    const seqs = batches.flat().map((u) => u.seq);
    expect(batches.flat().map((u) => u.room)).toEqual(['w1/a', 'w1/a']);
    expect(seqs[1]).toBeGreaterThan(seqs[0]!);
    // Over HTTP there is no connection name to credit.
    expect(rooms).toEqual([
      { room: 'w1/a', authors: [] },
      { room: 'w1/a', authors: [] }
    ]);
  });

  it('AR3 a hook that throws is logged and neither the commit nor the hooks after it are lost', async () => {
    const { registry, sqlite, errors } = registryOn();
    const events: string[] = [];
    registry.use({
      name: 'broken',
      afterLoad: () => {
        throw new Error('afterLoad broke');
      },
      committed: () => {
        throw new Error('committed broke');
      }
    });
    registry.use(recorder('after', events));

    await registry.submitDetached('w1/doc', textUpdate('Отчёт за год'), 'user-1');

    expect(await storedText(sqlite, 'w1/doc')).toBe('Отчёт за год');
    expect(events).toContain('after.afterLoad w1/doc');
    expect(events).toContain('after.committed w1/doc');
    expect(errors.map((e) => e.fields?.hook)).toEqual(['broken.afterLoad', 'broken.committed']);
    expect(errors.map((e) => e.fields?.error)).toEqual(['afterLoad broke', 'committed broke']);
  });

  it('AR3 a beforeLoad hook that rejects fails the load, and is told so', async () => {
    const { registry } = registryOn();
    const events: string[] = [];
    registry.use(recorder('probe', events));
    registry.use({
      name: 'subscription',
      beforeLoad: async () => {
        throw new Error('the bus is down');
      }
    });

    await expect(registry.open('w1/doc')).rejects.toThrow('the bus is down');
    await waitFor(() => events.includes('probe.loadFailed w1/doc'), 'the failed load is told');
    expect(registry.loadedRoomCount).toBe(0);
    expect(events).not.toContain('probe.afterLoad w1/doc');
  });

  it('AR4 an idle room with a write in flight is evicted only after that write is committed', async () => {
    const { registry, storage, sqlite } = registryOn({ idleMs: 20 });
    const events: string[] = [];
    registry.use({
      name: 'probe',
      committed: ({ rooms }) => {
        for (const { room } of rooms) events.push(`committed ${room}`);
      },
      beforeEvict: (room) =>
        void events.push(`beforeEvict ${room.name} in flight ${room.writesInFlight}`)
    });

    storage.hold();
    const written = registry.submitDetached('w1/busy', textUpdate('Черновик'), 'user-1');
    await waitFor(() => storage.waiting === 1, 'the write waits at the gate');
    // Both rooms are now idle, the busy one first: its eviction comes due before the other's.
    await registry.checkDetached('w1/busy', textUpdate('ещё'), 'user-1');
    await registry.checkDetached('w1/idle', textUpdate('пусто'), 'user-1');
    await waitFor(() => events.includes('beforeEvict w1/idle in flight 0'), 'the idle room goes');

    expect(await registry.peek('w1/busy')).toBeDefined();
    expect(events).toEqual(['beforeEvict w1/idle in flight 0']);

    storage.release();
    await written;
    await waitFor(() => events.includes('beforeEvict w1/busy in flight 0'), 'the busy room goes');
    expect(events).toEqual([
      'beforeEvict w1/idle in flight 0',
      'committed w1/busy',
      'beforeEvict w1/busy in flight 0'
    ]);
    expect(await storedText(sqlite, 'w1/busy')).toBe('Черновик');
    expect(await registry.peek('w1/busy')).toBeUndefined();
  });
});
