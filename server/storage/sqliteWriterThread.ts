/**
 * The SQLite writer thread (see SqliteWriter): it owns the one connection that writes the
 * documents file, appends and compactions, one after another in the order they were posted.
 * Started as a worker from this file under `node --import tsx` and the test runner, and from its
 * own entry next to index.mjs in the bundle (scripts/build-server.js).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { ClientClaim } from './RoomStorage.ts';
import { foldUpdates, workspaceOf } from './foldUpdates.ts';
import { SELECT_ROOM_SNAPSHOT, SELECT_ROOM_UPDATES } from './sqliteSql.ts';

export type WriterData = { file: string; synchronous: 'full' | 'normal' };
/** One batch: the updates packed back to back in one transferred buffer, cut by their lengths. */
export type AppendBatch = {
  rooms: string[];
  lengths: number[];
  packed: Uint8Array;
  claims: (ClientClaim | null)[];
};
export type WriterRequest =
  | { id: number; op: 'append'; batch: AppendBatch }
  | { id: number; op: 'compact'; room: string }
  | { id: number; op: 'close' };
export type WriterReply = {
  id: number;
  seqs?: number[];
  error?: { message: string; code?: string };
};

const port = parentPort!;
const { file, synchronous } = workerData as WriterData;

const db = new Database(file);
// The main thread set WAL mode (kept in the file); durability is per connection.
db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');

const insert = db.prepare<[string, Uint8Array, number]>(
  'INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)'
);
const claim = db.prepare<[string, number, string]>(
  'INSERT OR IGNORE INTO room_client_owners (room, client, subject) VALUES (?, ?, ?)'
);
const bumpClock = db.prepare<[string, string, number, number]>(
  `INSERT INTO room_clocks (room, workspace, clock, bytes) VALUES (?, ?, ?, ?)
   ON CONFLICT (room) DO UPDATE SET clock = max(clock, excluded.clock), bytes = bytes + excluded.bytes`
);
const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(SELECT_ROOM_UPDATES);
const selectSnapshot = db.prepare<[string], { data: Buffer; up_to_seq: number }>(
  SELECT_ROOM_SNAPSHOT
);
const deleteUpTo = db.prepare<[string, number]>(
  'DELETE FROM room_updates WHERE room = ? AND seq <= ?'
);
const upsertSnapshot = db.prepare<[string, Uint8Array, number, number]>(
  `INSERT INTO room_snapshots (room, data, up_to_seq, updated_at) VALUES (?, ?, ?, ?)
   ON CONFLICT (room) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq,
     updated_at = excluded.updated_at`
);
const resizeAfterCompact = db.prepare<
  [{ room: string; workspace: string; upToSeq: number; size: number }]
>(
  `INSERT INTO room_clocks (room, workspace, clock, bytes)
   VALUES (@room, @workspace, @upToSeq, @size + (SELECT COALESCE(SUM(length(data)), 0)
     FROM room_updates WHERE room = @room))
   ON CONFLICT (room) DO UPDATE SET bytes = excluded.bytes, clock = max(clock, excluded.clock)`
);

const appendAll = db.transaction(({ rooms, lengths, packed, claims }: AppendBatch): number[] => {
  const now = Date.now();
  const seqs = new Array<number>(rooms.length);
  let offset = 0;
  for (let i = 0; i < rooms.length; i++) {
    const room = rooms[i]!;
    const length = lengths[i]!;
    const data = packed.subarray(offset, offset + length);
    offset += length;
    const seq = Number(insert.run(room, data, now).lastInsertRowid);
    bumpClock.run(room, workspaceOf(room), seq, length);
    const claimed = claims[i];
    if (claimed) for (const client of claimed.clients) claim.run(room, client, claimed.subject);
    seqs[i] = seq;
  }
  return seqs;
});

// Folds the rows it reads inside one write transaction, deleting only those (see SqliteStorage).
const compactStored = db.transaction((room: string) => {
  const snapshot = selectSnapshot.get(room);
  const rows = selectUpdates.all(room);
  if (!snapshot && rows.length === 0) return;
  const state = foldUpdates(
    snapshot ? new Uint8Array(snapshot.data) : null,
    rows.map((r) => new Uint8Array(r.data))
  );
  const upToSeq = Math.max(snapshot?.up_to_seq ?? 0, rows.at(-1)?.seq ?? 0);
  deleteUpTo.run(room, upToSeq);
  upsertSnapshot.run(room, state, upToSeq, Date.now());
  resizeAfterCompact.run({ room, workspace: workspaceOf(room), upToSeq, size: state.byteLength });
});

port.on('message', (message: WriterRequest) => {
  const reply = (r: WriterReply) => port.postMessage(r);
  if (message.op === 'close') {
    db.close();
    reply({ id: message.id });
    port.close();
    return;
  }
  try {
    if (message.op === 'append') {
      reply({ id: message.id, seqs: appendAll(message.batch) });
    } else {
      compactStored.immediate(message.room);
      reply({ id: message.id });
    }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    reply({
      id: message.id,
      error: {
        message: error instanceof Error ? error.message : String(error),
        code: typeof code === 'string' ? code : undefined
      }
    });
  }
});
