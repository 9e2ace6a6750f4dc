import path from 'node:path';
import * as Y from 'yjs';
import { workspaceEventsToIcs } from '../../src/lib/calendar/eventIcs.ts';
import { INDEX_DOC_ID, roomName } from '../../src/lib/model/schema.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import { FEEDS_FILE, FeedTokens } from './FeedTokens.ts';

/**
 * The workspace calendar for calendar apps. Events are read from the server's own stored copy of
 * the workspace index (every acknowledged update is in storage before anyone hears of it), never
 * from what a client sends.
 */
export class CalendarFeeds {
  readonly tokens: FeedTokens;
  readonly #storage: RoomStorage;

  constructor(tokens: FeedTokens, storage: RoomStorage) {
    this.tokens = tokens;
    this.#storage = storage;
  }

  static inDataDir(dataDir: string, storage: RoomStorage): CalendarFeeds {
    return new CalendarFeeds(new FeedTokens(path.join(dataDir, FEEDS_FILE)), storage);
  }

  async render(workspaceId: string, name: string, origin?: string): Promise<string> {
    const stored = await this.#storage.load(roomName(workspaceId, INDEX_DOC_ID));
    const doc = new Y.Doc();
    try {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update.data);
      return workspaceEventsToIcs(doc, { name, workspaceId, locale: 'ru', origin });
    } finally {
      doc.destroy();
    }
  }

  close(): void {
    this.tokens.close();
  }
}
