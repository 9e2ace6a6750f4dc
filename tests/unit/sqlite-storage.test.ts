import Database from 'better-sqlite3';
import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts';
import { deferCleanup } from './helpers/cleanup.ts';
import { makeTempDir } from './helpers/relay.ts';
import { runStorageContract } from './storage-contract.ts';

runStorageContract('SqliteStorage', async () => {
  const tmp = makeTempDir();
  const file = path.join(tmp.dir, 'uzel.sqlite');
  return {
    open: async () => new SqliteStorage(file),
    destroy: async () => tmp.remove()
  };
});

describe('SqliteStorage file', () => {
  const defer = deferCleanup();

  function tempFile(): string {
    const tmp = makeTempDir();
    defer(tmp.remove);
    return path.join(tmp.dir, 'uzel.sqlite');
  }

  it('ST8 a commit waiting for the file (another writer, a slow disk) leaves the event loop free; it lands once the file is free', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    defer(() => storage.close());
    await storage.append([{ room: 'w/a', update: new Uint8Array([1]) }]);
    // A second connection holds the write lock, as a commit waiting for the disk would.
    const other = new Database(file);
    defer(() => other.close());
    other.exec('BEGIN IMMEDIATE');
    let appended = false;
    const append = storage
      .append([{ room: 'w/b', update: new Uint8Array([2]) }])
      .then((seqs) => ((appended = true), seqs));

    // Committing on this thread would block it until SQLite gave up (SQLITE_BUSY after 5 s),
    // and the lock holder here could never let go. The writer thread waits; reads go on.
    const read = await storage.load('w/a');
    expect(read.updates.map((u) => [...u.data])).toEqual([[1]]);
    expect(appended).toBe(false);

    other.exec('COMMIT');
    expect(await append).toEqual([2]);
    expect((await storage.load('w/b')).updates.map((u) => [...u.data])).toEqual([[2]]);
  });

  it('ST7 a new file gets the current schema, in WAL mode', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    await storage.close();

    const db = new Database(file, { readonly: true });
    defer(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        { name: 'room_client_owners' },
        { name: 'room_clocks' },
        { name: 'room_snapshots' },
        { name: 'room_updates' }
      ])
    );
  });

  it('RL12 the documents file and its WAL are readable by the server alone (0600), also when an older version created them world-readable', async () => {
    const file = tempFile();
    const first = new SqliteStorage(file);
    await first.append([{ room: 'w/doc', update: new Uint8Array([0, 0]) }]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    await first.close();
    chmodSync(file, 0o644);
    const again = new SqliteStorage(file);
    defer(() => again.close());
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('ST7 WS1 a file from schema 1 gets room clocks for the rooms it already holds', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec(`CREATE TABLE room_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL,
        data BLOB NOT NULL, created_at INTEGER NOT NULL);
      CREATE INDEX room_updates_by_room ON room_updates (room, seq);
      CREATE TABLE room_snapshots (room TEXT PRIMARY KEY, data BLOB NOT NULL,
        up_to_seq INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      INSERT INTO room_updates (seq, room, data, created_at) VALUES (5, 'w/a', x'0102', 0),
        (6, 'w/b', x'03', 0), (7, 'w/a', x'04', 0);
      INSERT INTO room_snapshots VALUES ('w/snap', x'0a0b0c', 4, 0);
      INSERT INTO room_snapshots VALUES ('w/b', x'0d', 3, 0);`);
    old.pragma('user_version = 1');
    old.close();

    const storage = new SqliteStorage(file);
    defer(() => storage.close());
    expect(await storage.changedRooms('w', 0, 10)).toEqual([
      { room: 'w/snap', clock: 4, bytes: 3 },
      { room: 'w/b', clock: 6, bytes: 2 },
      { room: 'w/a', clock: 7, bytes: 3 }
    ]);
  });

  it('ST7 reopening a file does not run its migrations again', async () => {
    const file = tempFile();
    const first = new SqliteStorage(file);
    await first.append([{ room: 'w/a', update: new Uint8Array([1]) }]);
    await first.close();

    const second = new SqliteStorage(file);
    defer(() => second.close());
    expect((await second.load('w/a')).updates).toHaveLength(1);
  });

  it('ST7 a file written by a newer schema is refused with a clear error', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();

    expect(() => new SqliteStorage(file)).toThrow(/newer Uzel \(schema 99/);
  });
});
