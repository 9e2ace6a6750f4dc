import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { localDbName } from '../../../src/lib/sync/localRoom.ts';
import { openSyncMeta, type SyncMeta } from '../../../src/lib/sync/syncMeta.ts';
import { httpTransport } from '../../../src/lib/sync/syncTransport.ts';
import { memoryUnsynced } from '../../../src/lib/sync/unsyncedRooms.ts';
import { WorkspaceSync } from '../../../src/lib/sync/WorkspaceSync.ts';
import type { ApiClient } from '../accounts/apiServer.ts';

/**
 * One device: its own IndexedDB (fake-indexeddb, the in-memory implementation of the real API,
 * so y-indexeddb runs unchanged) and the real WorkspaceSync talking HTTP to the real server with
 * a signed-in person's cookie. A process has one `indexedDB` global: one device at a time.
 */
export class Device {
  /** Rooms the sync told about new content, in order (what the search index re-reads). */
  readonly changedRooms: string[] = [];
  readonly changedTexts: string[] = [];
  readonly sync: WorkspaceSync;
  readonly meta: SyncMeta;
  readonly transport: ReturnType<typeof httpTransport>;
  readonly unsynced = memoryUnsynced();
  readonly workspaceId: string;

  private constructor(workspaceId: string, client: ApiClient, meta: SyncMeta) {
    this.workspaceId = workspaceId;
    this.meta = meta;
    this.transport = httpTransport(workspaceId, {
      baseUrl: client.baseUrl,
      headers: { origin: client.baseUrl, cookie: client.cookie ?? '' }
    });
    this.sync = new WorkspaceSync(workspaceId, {
      transport: this.transport,
      meta,
      unsynced: this.unsynced,
      batchRooms: 8,
      onRoomChanged: (docId, doc) => {
        this.changedRooms.push(docId);
        this.changedTexts.push(doc.getText('body').toString());
      }
    });
  }

  /** A fresh device: a new, empty IndexedDB. */
  static async create(workspaceId: string, client: ApiClient): Promise<Device> {
    globalThis.indexedDB = new IDBFactory();
    globalThis.IDBKeyRange = IDBKeyRange;
    return new Device(workspaceId, client, await openSyncMeta());
  }

  /** Opens the room's copy on this device as the app does, runs `edit`, waits until stored. */
  async withLocalDoc<T>(docId: string, edit: (doc: Y.Doc) => T): Promise<T> {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(localDbName(`${this.workspaceId}/${docId}`), doc);
    await persistence.whenSynced;
    const result = edit(doc);
    // An empty read completes after every write queued before it.
    await new Promise<void>((resolve) => {
      const tx = persistence.db!.transaction(['updates'], 'readonly');
      tx.oncomplete = () => resolve();
      tx.objectStore('updates').count();
    });
    await persistence.destroy();
    doc.destroy();
    return result;
  }

  textOf(docId: string): Promise<string> {
    return this.withLocalDoc(docId, (doc) => doc.getText('body').toString());
  }

  destroy(): void {
    this.sync.destroy();
    this.meta.close();
  }
}
