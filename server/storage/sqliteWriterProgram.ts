/**
 * The SQLite writer thread's whole program (see SqliteWriter), plain CommonJS so it runs the same
 * under `node --import tsx`, the built server and the test runner; better-sqlite3 and Yjs are
 * loaded from the paths the main thread resolves. It owns the one connection that writes the
 * documents file: appends and compactions, one after another in the order they were posted.
 *
 * The SQL is the same as SqliteStorage's (which still reads on its own connection), and the fold
 * is `foldUpdates` (a stored part that can never apply is left out of the snapshot).
 */
export const sqliteWriterProgram = (paths: { betterSqlite3: string; yjs: string }): string => `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(${JSON.stringify(paths.betterSqlite3)});
const Y = require(${JSON.stringify(paths.yjs)});

const db = new Database(workerData.file);
// The main thread set WAL mode (kept in the file); durability is per connection.
db.pragma('synchronous = ' + (workerData.synchronous === 'normal' ? 'NORMAL' : 'FULL'));
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');

const workspaceOf = (room) => {
  const slash = room.indexOf('/');
  return slash < 0 ? room : room.slice(0, slash);
};

const insert = db.prepare('INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)');
const claim = db.prepare(
  'INSERT OR IGNORE INTO room_client_owners (room, client, subject) VALUES (?, ?, ?)'
);
const bumpClock = db.prepare(
  'INSERT INTO room_clocks (room, workspace, clock, bytes) VALUES (?, ?, ?, ?) ' +
    'ON CONFLICT (room) DO UPDATE SET clock = max(clock, excluded.clock), bytes = bytes + excluded.bytes'
);
const selectUpdates = db.prepare('SELECT seq, data FROM room_updates WHERE room = ? ORDER BY seq');
const selectSnapshot = db.prepare('SELECT data, up_to_seq FROM room_snapshots WHERE room = ?');
const deleteUpTo = db.prepare('DELETE FROM room_updates WHERE room = ? AND seq <= ?');
const upsertSnapshot = db.prepare(
  'INSERT INTO room_snapshots (room, data, up_to_seq, updated_at) VALUES (?, ?, ?, ?) ' +
    'ON CONFLICT (room) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq, ' +
    'updated_at = excluded.updated_at'
);
const resizeAfterCompact = db.prepare(
  'INSERT INTO room_clocks (room, workspace, clock, bytes) ' +
    'VALUES (@room, @workspace, @upToSeq, @size + (SELECT COALESCE(SUM(length(data)), 0) ' +
    'FROM room_updates WHERE room = @room)) ' +
    'ON CONFLICT (room) DO UPDATE SET bytes = excluded.bytes, clock = max(clock, excluded.clock)'
);

// One batch: the updates packed back to back in one transferred buffer, cut by their lengths.
const appendAll = db.transaction(({ rooms, lengths, packed, claims }) => {
  const now = Date.now();
  const seqs = new Array(rooms.length);
  let offset = 0;
  for (let i = 0; i < rooms.length; i++) {
    const room = rooms[i];
    const data = packed.subarray(offset, offset + lengths[i]);
    offset += lengths[i];
    const seq = Number(insert.run(room, data, now).lastInsertRowid);
    bumpClock.run(room, workspaceOf(room), seq, lengths[i]);
    const claimed = claims[i];
    if (claimed) for (const client of claimed.clients) claim.run(room, client, claimed.subject);
    seqs[i] = seq;
  }
  return seqs;
});

function fold(snapshot, updates) {
  const doc = new Y.Doc();
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of updates) Y.applyUpdate(doc, update);
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

// Folds the rows it reads inside one write transaction, deleting only those (see SqliteStorage).
const compactStored = db.transaction((room) => {
  const snapshot = selectSnapshot.get(room);
  const rows = selectUpdates.all(room);
  if (!snapshot && rows.length === 0) return;
  const state = fold(
    snapshot ? new Uint8Array(snapshot.data) : null,
    rows.map((r) => new Uint8Array(r.data))
  );
  const upToSeq = Math.max(snapshot ? snapshot.up_to_seq : 0, rows.length ? rows[rows.length - 1].seq : 0);
  deleteUpTo.run(room, upToSeq);
  upsertSnapshot.run(room, state, upToSeq, Date.now());
  resizeAfterCompact.run({ room, workspace: workspaceOf(room), upToSeq, size: state.byteLength });
});

parentPort.on('message', (message) => {
  if (message.op === 'close') {
    db.close();
    parentPort.postMessage({ id: message.id });
    parentPort.close();
    return;
  }
  try {
    if (message.op === 'append') {
      const seqs = appendAll(message.batch);
      parentPort.postMessage({ id: message.id, seqs });
    } else {
      compactStored.immediate(message.room);
      parentPort.postMessage({ id: message.id });
    }
  } catch (error) {
    parentPort.postMessage({
      id: message.id,
      error: {
        message: error instanceof Error ? error.message : String(error),
        code: error && typeof error.code === 'string' ? error.code : undefined
      }
    });
  }
});
`;
