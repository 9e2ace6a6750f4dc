import type * as Y from 'yjs';
import { indexRoots } from '../schema.ts';

/**
 * Which notifications a person has read, kept in the workspace index so reading on the tablet
 * clears the count on the computer too. Flat keys (like favourites), so two devices marking at
 * once never make rival nested maps: `<userId>/<messageId>` → when it was read, and
 * `<userId>` → a time up to which everything counts as read («Отметить все прочитанными»).
 */
export class NotificationReads {
  readonly #map: Y.Map<unknown>;

  constructor(doc: Y.Doc) {
    this.#map = indexRoots.notificationReads(doc);
  }

  isRead(userId: string, item: { id: string; createdAt: number }): boolean {
    const upTo = this.#map.get(userId);
    if (typeof upTo === 'number' && item.createdAt <= upTo) return true;
    return this.#map.has(key(userId, item.id));
  }

  markRead(userId: string, messageId: string, now = Date.now()): void {
    const k = key(userId, messageId);
    if (!this.#map.has(k)) this.#map.set(k, now);
  }

  /** Everything up to `upTo` is read; the single marks it covers go, so the map stays small. */
  markAllRead(userId: string, upTo: number): void {
    const prefix = key(userId, '');
    this.#map.doc!.transact(() => {
      this.#map.set(userId, Math.max(upTo, numberOr(this.#map.get(userId), 0)));
      for (const k of [...this.#map.keys()]) if (k.startsWith(prefix)) this.#map.delete(k);
    });
  }

  observe(listener: () => void): () => void {
    const handler = () => listener();
    this.#map.observe(handler);
    return () => this.#map.unobserve(handler);
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function key(userId: string, messageId: string): string {
  if (userId.includes('/')) throw new Error('A user id cannot contain "/"');
  return `${userId}/${messageId}`;
}
