import Database from 'better-sqlite3';
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

  it('ST7 a new file gets the current schema, in WAL mode', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    await storage.close();

    const db = new Database(file, { readonly: true });
    defer(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([{ name: 'room_snapshots' }, { name: 'room_updates' }])
    );
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
