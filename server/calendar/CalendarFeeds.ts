import * as Y from 'yjs';
import { workspaceEventsToIcs } from '../../src/lib/shared/calendar/eventIcs.ts';
import { INDEX_DOC_ID, roomName } from '../../src/lib/shared/model/schema.ts';
import type { RoomStorage } from '../storage/RoomStorage.ts';
import type { SqliteSync } from '../db/sqliteFile.ts';
import type { FeedTokenStore } from './FeedTokens.ts';
import { SqliteFeedTokens } from './SqliteFeedTokens.ts';

/** Workspaces whose built feed is kept; past it the least recently built is dropped. */
const MAX_CACHED_FEEDS = 500;

type CachedFeed = { clock: number; name: string; origin: string | undefined; text: string };

/**
 * The workspace calendar for calendar apps. Events are read from the server's own stored copy of
 * the workspace index (every acknowledged update is in storage before anyone hears of it), never
 * from what a client sends. Calendar apps poll: a built feed is kept until the index room's clock
 * moves, so an unchanged workspace costs one clock lookup per poll.
 */
export class CalendarFeeds {
  readonly tokens: FeedTokenStore;
  readonly #storage: RoomStorage;
  readonly #cache = new Map<string, CachedFeed>();
  #builds = 0;

  constructor(tokens: FeedTokenStore, storage: RoomStorage) {
    this.tokens = tokens;
    this.#storage = storage;
  }

  /** With the tokens in `calendar-feeds.sqlite` (for callers that build the server synchronously). */
  static inDataDir(dataDir: string, storage: RoomStorage, synchronous?: SqliteSync): CalendarFeeds {
    return new CalendarFeeds(SqliteFeedTokens.open(dataDir, synchronous), storage);
  }

  async render(workspaceId: string, name: string, origin?: string): Promise<string> {
    const room = roomName(workspaceId, INDEX_DOC_ID);
    const cached = this.#cache.get(workspaceId);
    if (
      cached &&
      cached.name === name &&
      cached.origin === origin &&
      cached.clock === (await this.#storage.roomClock(room))
    ) {
      return cached.text;
    }
    const stored = await this.#storage.load(room);
    const doc = new Y.Doc();
    let text: string;
    try {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update.data);
      text = workspaceEventsToIcs(doc, { name, workspaceId, locale: 'ru', origin });
    } finally {
      doc.destroy();
    }
    this.#builds++;
    // The clock of what was read, not of a lookup before it: a change in between rebuilds next time.
    this.#cache.delete(workspaceId);
    if (this.#cache.size >= MAX_CACHED_FEEDS) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
    this.#cache.set(workspaceId, { clock: stored.clock, name, origin, text });
    return text;
  }

  /** Feeds built from storage since start (a poll answered from the cache builds none). */
  get builds(): number {
    return this.#builds;
  }

  close(): Promise<void> {
    return this.tokens.close();
  }
}
