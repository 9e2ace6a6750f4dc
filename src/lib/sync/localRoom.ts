import * as Y from 'yjs';
import { localDbName } from './localDbName.ts';
import { LocalPersistence } from './LocalPersistence.ts';

/**
 * Stored entries beyond the doc's own slices that opening tolerates before merging them: every
 * edit adds one, and a store that is never merged loads ever slower.
 */
export const COMPACT_ENTRIES = 64;

export { localDbName };

/** Merges a long store; resolves once IndexedDB has the result. */
export async function compactIfLong(persistence: LocalPersistence): Promise<void> {
  await persistence.mergeIfLong(COMPACT_ENTRIES);
}

/** Origin of updates the background sync writes: not a local edit. */
export const BACKGROUND_SYNC = Symbol('background-sync');

/**
 * A room's copy on this device, opened briefly by the background sync: read its state, write
 * what the server sent, close. Uses the same persistence as SyncedDoc, so the layout is the same.
 */
export class LocalRoom {
  readonly room: string;
  readonly doc = new Y.Doc();
  readonly #persistence: LocalPersistence;

  private constructor(room: string) {
    this.room = room;
    this.#persistence = new LocalPersistence(localDbName(room), this.doc);
  }

  static async open(room: string): Promise<LocalRoom> {
    const local = new LocalRoom(room);
    await local.#persistence.whenSynced;
    await compactIfLong(local.#persistence);
    return local;
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** What a server with `serverState` lacks (everything when unknown); deletions always go. */
  changesFor(serverState: Uint8Array | null): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, serverState ?? undefined);
  }

  /** Writes the server's update into the doc and waits until IndexedDB has it. */
  async apply(update: Uint8Array): Promise<void> {
    Y.applyUpdate(this.doc, update, BACKGROUND_SYNC);
    await this.#persistence.flush();
  }

  async close(): Promise<void> {
    await this.#persistence.flush();
    await this.#persistence.destroy();
    this.doc.destroy();
  }
}
