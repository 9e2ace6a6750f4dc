import Database from 'better-sqlite3';
import * as Y from 'yjs';

/**
 * Reads the relay's SQLite file through a second, read-only connection, as another process would:
 * what it sees is what is committed, not what the relay holds in memory.
 */
export class StoreReader {
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = new Database(file, { readonly: true, fileMustExist: true });
  }

  doc(room: string): Y.Doc {
    const doc = new Y.Doc();
    const snapshot = this.#db
      .prepare('SELECT data FROM room_snapshots WHERE room = ?')
      .get(room) as { data: Buffer } | undefined;
    const updates = this.#db
      .prepare('SELECT data FROM room_updates WHERE room = ? ORDER BY seq')
      .all(room) as {
      data: Buffer;
    }[];
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.data);
      for (const u of updates) Y.applyUpdate(doc, u.data);
    });
    return doc;
  }

  counts(room: string): { updates: number; snapshots: number } {
    const count = (sql: string) => (this.#db.prepare(sql).get(room) as { n: number }).n;
    return {
      updates: count('SELECT count(*) AS n FROM room_updates WHERE room = ?'),
      snapshots: count('SELECT count(*) AS n FROM room_snapshots WHERE room = ?')
    };
  }

  close(): void {
    this.#db.close();
  }
}

/**
 * Whether `container` already has everything `state` describes (inserts and deletions): applying
 * it to a copy changes nothing. Yjs emits no update for a transaction that changed nothing.
 */
export function containsState(container: Y.Doc, state: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(container));
  let changed = false;
  copy.on('update', () => (changed = true));
  Y.applyUpdate(copy, state);
  // Structs whose dependencies are missing wait silently: they are not contained either.
  const waiting = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  copy.destroy();
  return !changed && !waiting;
}

/** Two docs hold the same content when each contains the other. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return containsState(a, Y.encodeStateAsUpdate(b)) && containsState(b, Y.encodeStateAsUpdate(a));
}

/** A Y.Doc holding `update` (the relay keeps its rooms' state as update bytes, not as a doc). */
export function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
