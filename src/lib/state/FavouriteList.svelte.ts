import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { Favourites } from '../shared/model/favourites.ts';

/** The signed-in person's favourites as components see them, updated from every device. */
export class FavouriteList {
  readonly #favourites: Favourites;
  readonly #subscribe: () => void;

  constructor(indexDoc: Y.Doc) {
    this.#favourites = new Favourites(indexDoc);
    this.#subscribe = createSubscriber((update) => this.#favourites.observe(update));
  }

  ids(userId: string): string[] {
    this.#subscribe();
    return this.#favourites.list(userId);
  }

  has(userId: string, docId: string): boolean {
    this.#subscribe();
    return this.#favourites.has(userId, docId);
  }

  set(userId: string, docId: string, on: boolean): void {
    this.#favourites.set(userId, docId, on);
  }
}
