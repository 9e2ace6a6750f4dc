import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendEntry } from '../../../server/storage/RoomStorage.ts';
import { SqliteStorage } from '../../../server/storage/SqliteStorage.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { DocClient } from '../helpers/docClient.ts';
import { savedCount, updateFrame } from '../helpers/frames.ts';
import { GatedStorage } from '../helpers/gatedStorage.ts';
import { dbFileIn, makeTempDir, TestRelay } from '../helpers/relay.ts';
import { StoreReader } from '../helpers/storedDoc.ts';
import { waitFor } from '../helpers/wait.ts';
import { openAs } from './attacks.ts';

const ROOM = 'ws-readonly/doc';

/**
 * The real file, whose appends go through a read-only SQLite connection once `lock()` is called:
 * SQLite's own SQLITE_READONLY, as a data folder remounted read-only gives (which needs root and
 * a spare filesystem to do for real).
 */
class LockableDisk extends GatedStorage {
  readonly #file: string;
  #locked: Database.Database | null = null;

  constructor(file: string) {
    super(new SqliteStorage(file));
    this.#file = file;
  }

  lock(): void {
    this.#locked = new Database(this.#file, { readonly: true });
  }

  override async append(entries: AppendEntry[]): Promise<number[]> {
    if (this.#locked) {
      this.#locked
        .prepare('INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)')
        .run(entries[0]!.room, entries[0]!.update, Date.now());
    }
    return super.append(entries);
  }

  override async close(): Promise<void> {
    this.#locked?.close();
    await super.close();
  }
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('RL10 a data folder that cannot be written fails closed', () => {
  const defer = deferCleanup();

  it('RL10 writes are refused with 4507 and /healthz says so, while the stored text is still served', async () => {
    const tmp = makeTempDir();
    defer(tmp.remove);
    const disk = new LockableDisk(dbFileIn(tmp.dir));
    const relay = await TestRelay.start(tmp.dir, {}, disk);
    defer(() => relay.close());
    const writer = await openAs(relay, ROOM, 'Анна');
    defer(() => writer.close());
    writer.send(updateFrame(textUpdate('Сохранённый текст')));
    await writer.next((f) => savedCount(f) === 1, 'the first edit is saved');
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);

    disk.lock();
    writer.send(updateFrame(textUpdate('Не сохранится')));
    expect(await writer.closed()).toEqual({ code: 4507, reason: 'storage is read-only' });
    const health = await fetch(`${relay.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.text()).toBe('storage read-only');

    // The next writer is refused at once, before anything reaches storage.
    const next = await openAs(relay, ROOM, 'Борис');
    defer(() => next.close());
    next.send(updateFrame(textUpdate('Тоже нет')));
    expect((await next.closed()).code).toBe(4507);

    const reader = new DocClient(relay.syncUrl, ROOM, { as: { name: 'Читатель', role: 'viewer' } });
    defer(() => reader.destroy());
    await waitFor(() => reader.content === 'Сохранённый текст', 'the stored text is served');
    const store = new StoreReader(relay.dbFile);
    defer(() => store.close());
    expect(store.doc(ROOM).getText('body').toString()).toBe('Сохранённый текст');
  });
});
