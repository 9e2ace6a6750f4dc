import * as Y from 'yjs';
import type { RoomRegistry } from '../relay/RoomRegistry.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';

/**
 * The committed state of a room, from the server's own copy: never anything a client sends.
 * A loaded room with nothing in flight holds exactly what is committed (an update is stored
 * before anyone sees it), and reading it spares a load from disk. A loaded room with writes in
 * flight holds updates that are not stored yet, so then storage answers: it has every committed
 * update, including those of the room in memory.
 */
export async function committedDoc(
  registry: RoomRegistry,
  storage: RoomStorage,
  room: string
): Promise<Y.Doc> {
  const live = await registry.peek(room).catch(() => undefined);
  if (live && live.writesInFlight === 0) {
    // The room keeps its committed state as bytes, no doc: this one is the caller's own.
    const copy = new Y.Doc({ gc: true });
    Y.applyUpdate(copy, live.committedUpdate());
    return copy;
  }
  const stored = await storage.load(room);
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  });
  return doc;
}
