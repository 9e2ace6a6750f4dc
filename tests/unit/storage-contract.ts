import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendEntry, RoomStorage } from '../../server/storage/RoomStorage.ts';

/**
 * How the contract reaches one storage engine: `open` may be called again after `close` and must
 * give back the same data (the same file, the same database); called while another is open, it
 * is what a second server process on the same data would use. `destroy` removes it all.
 */
export type StorageFactory = () => Promise<{
  open(): Promise<RoomStorage>;
  destroy(): Promise<void>;
}>;

const bytes = (...values: number[]) => new Uint8Array(values);
const entry = (room: string, update: Uint8Array): AppendEntry => ({ room, update });

/** A real Yjs update appending `text`, so compaction can be checked on content, not just rows. */
function edit(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.getText('body').insert(doc.getText('body').length, text);
  doc.off('update', capture);
  return update!;
}

function textOf(stored: { snapshot: Uint8Array | null; updates: { data: Uint8Array }[] }): string {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return doc.getText('body').toString();
}

/**
 * ST4: the rules every RoomStorage engine keeps. Run once per engine, so SQLite and PostgreSQL
 * cannot drift apart in what the relay may rely on.
 */
export function runStorageContract(name: string, makeStorage: StorageFactory): void {
  describe(`ST4 storage contract: ${name}`, () => {
    let handle: Awaited<ReturnType<StorageFactory>>;
    let storage: RoomStorage;

    beforeEach(async () => {
      handle = await makeStorage();
      storage = await handle.open();
    });

    afterEach(async () => {
      await storage.close();
      await handle.destroy();
    });

    it('ST4.1 loading an unknown room gives an empty result', async () => {
      expect(await storage.load('nobody/here')).toEqual({
        snapshot: null,
        updates: [],
        clock: 0
      });
      expect(await storage.listRooms()).toEqual([]);
    });

    it('ST4.2 append returns increasing sequence numbers, and load returns the bytes as given', async () => {
      const first = await storage.append([
        entry('w/a', bytes(1)),
        entry('w/a', bytes(0, 0, 255)),
        entry('w/b', bytes(3))
      ]);
      const second = await storage.append([entry('w/a', bytes(4))]);
      const seqs = [...first, ...second];
      expect(seqs).toHaveLength(4);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
      expect(await storage.append([])).toEqual([]);

      const a = await storage.load('w/a');
      expect(a.snapshot).toBeNull();
      expect(a.updates.map((u) => u.seq)).toEqual([seqs[0], seqs[1], seqs[3]]);
      expect(a.updates.map((u) => [...u.data])).toEqual([[1], [0, 0, 255], [4]]);
      expect((await storage.load('w/b')).updates.map((u) => [...u.data])).toEqual([[3]]);
    });

    it('ST4.2 appends issued together all get distinct, ordered sequence numbers', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => storage.append([entry('w/many', bytes(i))]))
      );
      const seqs = results.flat();
      expect(new Set(seqs).size).toBe(20);
      const loaded = await storage.load('w/many');
      expect(loaded.updates.map((u) => u.seq)).toEqual([...seqs].sort((x, y) => x - y));
    });

    it('ST4.2 a large update round-trips intact', async () => {
      const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 31) % 256);
      await storage.append([entry('w/big', big)]);
      const [stored] = (await storage.load('w/big')).updates;
      expect(stored?.data.length).toBe(big.length);
      expect(Buffer.compare(Buffer.from(stored!.data), Buffer.from(big))).toBe(0);
    });

    it('ST4.3 append is atomic across rooms: when it fails, nothing of the batch is stored', async () => {
      await storage.append([entry('w/a', bytes(1))]);
      // A missing update is refused by every engine, half way through the batch.
      const broken = [
        entry('w/a', bytes(2)),
        entry('w/b', bytes(3)),
        { room: 'w/c', update: null } as unknown as AppendEntry
      ];
      await expect(storage.append(broken)).rejects.toThrow();

      expect((await storage.load('w/a')).updates.map((u) => [...u.data])).toEqual([[1]]);
      expect((await storage.load('w/b')).updates).toEqual([]);
      expect(await storage.listRooms()).toEqual(['w/a']);
    });

    it('ST4.4 compact folds the snapshot and every stored update into one snapshot; later appends stay updates', async () => {
      const doc = new Y.Doc();
      const [s1, s2] = await storage.append([
        entry('w/doc', edit(doc, 'один ')),
        entry('w/doc', edit(doc, 'два '))
      ]);
      await storage.append([entry('w/other', bytes(9))]);

      await storage.compact('w/doc');
      const after = await storage.load('w/doc');
      expect(after.snapshot).not.toBeNull();
      expect(after.updates).toEqual([]);
      expect(textOf(after)).toBe('один два ');
      expect((await storage.load('w/other')).updates).toHaveLength(1);

      // A second compaction replaces the snapshot rather than adding one.
      const [s3] = await storage.append([entry('w/doc', edit(doc, 'три'))]);
      expect((await storage.load('w/doc')).updates.map((u) => u.seq)).toEqual([s3]);
      await storage.compact('w/doc');
      const again = await storage.load('w/doc');
      expect(again.updates).toEqual([]);
      expect(textOf(again)).toBe('один два три');
      expect(s1).toBeLessThan(s2!);
      // Nothing stored, nothing to compact.
      await storage.compact('w/none');
      expect(await storage.listRooms()).toEqual(['w/doc', 'w/other']);
    });

    it('ST4.5 listRooms is sorted and distinct, and includes rooms that only have a snapshot', async () => {
      await storage.append([
        entry('w2/b', bytes(1)),
        entry('w1/z', bytes(1)),
        entry('w2/b', bytes(2))
      ]);
      await storage.append([entry('w1/a', bytes(0, 0))]);
      await storage.compact('w1/a');
      expect((await storage.load('w1/a')).updates).toEqual([]);

      expect(await storage.listRooms()).toEqual(['w1/a', 'w1/z', 'w2/b']);
      expect(await storage.listRooms('')).toEqual(['w1/a', 'w1/z', 'w2/b']);
      expect(await storage.listRooms('w1/')).toEqual(['w1/a', 'w1/z']);
      expect(await storage.listRooms('w3/')).toEqual([]);
    });

    it('ST4.5 a prefix is matched literally: % and _ are not wildcards, and case matters', async () => {
      const rooms = ['a%b/1', 'aXb/1', 'a_b/1', 'a-b/1', 'A_b/2', 'ab/1'];
      await storage.append(rooms.map((r) => entry(r, bytes(1))));

      expect(await storage.listRooms('a%')).toEqual(['a%b/1']);
      expect(await storage.listRooms('a_')).toEqual(['a_b/1']);
      expect(await storage.listRooms('a\\')).toEqual([]);
      // Room ids are case-sensitive nanoids: workspace "A_b" is not workspace "a_b".
      expect(await storage.listRooms('A')).toEqual(['A_b/2']);
    });

    it('ST4.6 everything survives close and reopen, and sequence numbers are never reused', async () => {
      const doc = new Y.Doc();
      await storage.append([entry('w/doc', edit(doc, 'Узел'))]);
      await storage.compact('w/doc');
      const [s2] = await storage.append([entry('w/doc', edit(doc, ' работает'))]);
      await storage.close();

      storage = await handle.open();
      const loaded = await storage.load('w/doc');
      expect(loaded.updates.map((u) => u.seq)).toEqual([s2]);
      expect(textOf(loaded)).toBe('Узел работает');
      expect(await storage.listRooms()).toEqual(['w/doc']);

      // Compact everything away, reopen: a new update must still sort after all earlier ones,
      // or a later compaction "up to seq" would swallow it.
      await storage.compact('w/doc');
      await storage.close();
      storage = await handle.open();
      const [s3] = await storage.append([entry('w/doc', edit(doc, '!'))]);
      expect(s3).toBeGreaterThan(s2!);
      expect(textOf(await storage.load('w/doc'))).toBe('Узел работает!');
    });

    it('ST4.7 WS1 a room clock is its last appended sequence number; changedRooms lists one workspace by clock', async () => {
      const [a1, b1] = await storage.append([entry('w/a', bytes(1, 2)), entry('w/b', bytes(3))]);
      const [other] = await storage.append([entry('x/a', bytes(4))]);
      const [a2] = await storage.append([entry('w/a', bytes(5))]);

      expect((await storage.load('w/a')).clock).toBe(a2);
      expect((await storage.load('w/b')).clock).toBe(b1);
      expect(await storage.roomClock('w/a')).toBe(a2);
      expect(await storage.roomClock('w/b')).toBe(b1);
      expect(await storage.roomClock('w/none')).toBe(0);
      expect(await storage.changedRooms('w', 0, 100)).toEqual([
        { room: 'w/b', clock: b1, bytes: 1 },
        { room: 'w/a', clock: a2, bytes: 3 }
      ]);
      expect(await storage.changedRooms('w', b1!, 100)).toEqual([
        { room: 'w/a', clock: a2, bytes: 3 }
      ]);
      expect(await storage.changedRooms('w', a2!, 100)).toEqual([]);
      expect(await storage.changedRooms('x', 0, 100)).toEqual([
        { room: 'x/a', clock: other, bytes: 1 }
      ]);
      // The workspace is matched exactly, not as a prefix.
      expect(await storage.changedRooms('', 0, 100)).toEqual([]);
      expect(a1).toBeLessThan(a2!);
    });

    it('ST4.7 WS1 changedRooms pages by clock without losing or repeating a room', async () => {
      const rooms = Array.from({ length: 7 }, (_, i) => `w/d${i}`);
      await storage.append(rooms.map((r) => entry(r, bytes(1))));
      const seen: string[] = [];
      let since = 0;
      for (;;) {
        const page = await storage.changedRooms('w', since, 3);
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.room));
        since = page.at(-1)!.clock;
      }
      expect(seen).toEqual(rooms);
    });

    it('ST4.7 WS1 compaction keeps the clock and updates the stored size; the clock survives reopening', async () => {
      const doc = new Y.Doc();
      const [s1, s2] = await storage.append([
        entry('w/doc', edit(doc, 'один ')),
        entry('w/doc', edit(doc, 'два'))
      ]);
      const state = Y.encodeStateAsUpdate(doc);
      await storage.compact('w/doc');
      expect((await storage.load('w/doc')).clock).toBe(s2);
      expect(await storage.roomClock('w/doc')).toBe(s2);
      expect(await storage.changedRooms('w', s1!, 10)).toEqual([
        { room: 'w/doc', clock: s2, bytes: state.byteLength }
      ]);
      expect(await storage.changedRooms('w', s2!, 10)).toEqual([]);

      await storage.close();
      storage = await handle.open();
      expect((await storage.load('w/doc')).clock).toBe(s2);
      const [s3] = await storage.append([entry('w/doc', edit(doc, '!'))]);
      expect((await storage.changedRooms('w', s2!, 10)).map((r) => r.clock)).toEqual([s3]);
    });

    it('ST4.8 RL3 client-id claims are stored with the update, keep their first subject and survive compaction and reopening', async () => {
      const doc = new Y.Doc();
      await storage.append([
        {
          room: 'w/doc',
          update: edit(doc, 'один'),
          claims: { subject: 'u-anna', clients: [7, 9] }
        },
        { room: 'w/other', update: edit(doc, 'два'), claims: { subject: 'u-boris', clients: [7] } }
      ]);
      await storage.append([
        { room: 'w/doc', update: edit(doc, '!'), claims: { subject: 'u-boris', clients: [9, 11] } }
      ]);
      const expected = new Map([
        [7, 'u-anna'],
        [9, 'u-anna'],
        [11, 'u-boris']
      ]);
      expect(await storage.clientOwners('w/doc')).toEqual(expected);
      expect(await storage.clientOwners('w/other')).toEqual(new Map([[7, 'u-boris']]));
      expect(await storage.clientOwners('w/none')).toEqual(new Map());
      await storage.compact('w/doc');
      await storage.close();
      storage = await handle.open();
      expect(await storage.clientOwners('w/doc')).toEqual(expected);
    });

    it('ST4.9 compaction folds what is stored, so it never loses an update a second writer committed after the compacting process last looked', async () => {
      const second = await handle.open();
      try {
        // This process holds the room with «один»; another process on the same data adds «два».
        const mine = new Y.Doc();
        await storage.append([entry('w/doc', edit(mine, 'один '))]);
        const theirs = new Y.Doc();
        Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
        await second.append([entry('w/doc', edit(theirs, 'два'))]);

        await storage.compact('w/doc');
        expect(textOf(await storage.load('w/doc'))).toBe('один два');
        expect(textOf(await second.load('w/doc'))).toBe('один два');
      } finally {
        await second.close();
      }
    });

    it('ST4.9 compactions interleaved with a second writer keep every committed update', async () => {
      const second = await handle.open();
      try {
        const writer = new Y.Doc();
        const written: string[] = [];
        let writing = true;
        const appends = (async () => {
          for (let i = 0; i < 40; i++) {
            const before = Y.encodeStateVector(writer);
            writer.getArray<string>('lines').push([`строка ${i}`]);
            await second.append([entry('w/doc', Y.encodeStateAsUpdate(writer, before))]);
            written.push(`строка ${i}`);
          }
          writing = false;
        })();
        let compactions = 0;
        while (writing) {
          await storage.compact('w/doc');
          compactions++;
        }
        await appends;
        await storage.compact('w/doc');

        for (const reader of [storage, second]) {
          const stored = await reader.load('w/doc');
          expect(stored.updates).toEqual([]);
          const doc = new Y.Doc();
          Y.applyUpdate(doc, stored.snapshot!);
          expect(doc.getArray<string>('lines').toArray()).toEqual(written);
        }
        expect(compactions).toBeGreaterThan(1);
      } finally {
        await second.close();
      }
    });
  });
}
