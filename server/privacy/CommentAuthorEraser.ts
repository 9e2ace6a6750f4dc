import * as Y from 'yjs';
import { CommentStore } from '../../src/lib/shared/model/comments/CommentStore.ts';
import { INDEX_DOC_ID } from '../../src/lib/shared/model/schema.ts';
import type { Logger } from '../log.ts';
import { committedDoc } from '../publishing/serverDoc.ts';
import type { RoomRegistry } from '../relay/RoomRegistry.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';

/**
 * Whom the server's own edits are written as: its Yjs client ids are bound to this subject, which
 * no account id can be (ids have no colon).
 */
export const SERVER_SUBJECT = 'uzel:server';

/**
 * Erases a deleted person's name from the comments of their workspaces' documents (152-FZ): each
 * is rewritten to «Удалённый участник» by an ordinary Yjs update committed through the registry,
 * so open editors see it at once and every device's copy converges on its next sync. The name
 * stays in what Yjs keeps of overwritten values only until the document is compacted.
 */
export class CommentAuthorEraser {
  readonly #registry: RoomRegistry;
  readonly #storage: RoomStorage;
  readonly #log: Logger;

  constructor(registry: RoomRegistry, storage: RoomStorage, log: Logger) {
    this.#registry = registry;
    this.#storage = storage;
    this.#log = log;
  }

  /** Rewrites `userId`'s comments in every document of these workspaces; answers how many. */
  async erase(userId: string, workspaceIds: readonly string[], name: string): Promise<number> {
    let rewritten = 0;
    for (const workspaceId of workspaceIds) {
      for (const room of await this.#storage.listRooms(`${workspaceId}/`)) {
        if (room === `${workspaceId}/${INDEX_DOC_ID}`) continue;
        try {
          if (await this.#eraseIn(room, userId, name)) rewritten++;
        } catch (error) {
          // One document that cannot be written (storage read-only) must not stop the others.
          this.#log.error('erasing a deleted author from comments failed', {
            room,
            error: error instanceof Error ? error.message : String(error)
          });
        }
      }
    }
    return rewritten;
  }

  async #eraseIn(room: string, userId: string, name: string): Promise<boolean> {
    const doc = await committedDoc(this.#registry, this.#storage, room);
    try {
      const before = Y.encodeStateVector(doc);
      if (!new CommentStore(doc).renameAuthor(userId, name)) return false;
      await this.#registry.submitDetached(room, Y.encodeStateAsUpdate(doc, before), SERVER_SUBJECT);
      return true;
    } finally {
      doc.destroy();
    }
  }
}
