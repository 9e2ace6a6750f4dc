import { createSubscriber } from 'svelte/reactivity';
import { collator, type Locale } from '../i18n/translate.ts';
import type { DocumentMeta, WorkspaceIndex } from '../model/WorkspaceIndex.ts';

/** The workspace's documents as components see them, recomputed when the index changes. */
export class DocumentList {
  readonly index: WorkspaceIndex;
  readonly #subscribe: () => void;

  constructor(index: WorkspaceIndex) {
    this.index = index;
    this.#subscribe = createSubscriber((update) => index.observe(update));
  }

  /** Documents not in the bin, most recently changed first (ties by title, Russian order). */
  active(locale: Locale): DocumentMeta[] {
    this.#subscribe();
    const byTitle = collator(locale);
    return this.index
      .all()
      .filter((d) => d.deletedAt === null)
      .sort((a, b) => b.updatedAt - a.updatedAt || byTitle.compare(a.title, b.title));
  }

  /** The bin, most recently deleted first. */
  get bin(): DocumentMeta[] {
    this.#subscribe();
    return this.index
      .all()
      .filter((d) => d.deletedAt !== null)
      .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
  }

  get(id: string): DocumentMeta | null {
    this.#subscribe();
    return this.index.get(id);
  }
}
