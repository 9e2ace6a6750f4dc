import type * as Y from 'yjs';
import { indexRoots } from './schema.ts';

/**
 * A person's starred documents, kept in the workspace index so they follow the person to every
 * device and merge: starring on the tablet and on the computer at once keeps both.
 */
export class Favourites {
  readonly #map: Y.Map<unknown>;

  constructor(doc: Y.Doc) {
    this.#map = indexRoots.favourites(doc);
  }

  /** The person's favourites, most recently starred first. */
  list(userId: string): string[] {
    const prefix = `${userId}/`;
    const out: [string, number][] = [];
    this.#map.forEach((value, key) => {
      if (!key.startsWith(prefix)) return;
      out.push([key.slice(prefix.length), typeof value === 'number' ? value : 0]);
    });
    return out.sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  has(userId: string, docId: string): boolean {
    return this.#map.has(key(userId, docId));
  }

  set(userId: string, docId: string, on: boolean, now = Date.now()): void {
    if (on) this.#map.set(key(userId, docId), now);
    else this.#map.delete(key(userId, docId));
  }

  observe(listener: () => void): () => void {
    const handler = () => listener();
    this.#map.observe(handler);
    return () => this.#map.unobserve(handler);
  }
}

function key(userId: string, docId: string): string {
  if (userId.includes('/')) throw new Error('A user id cannot contain "/"');
  return `${userId}/${docId}`;
}
