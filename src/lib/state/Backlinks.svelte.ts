import { createSubscriber } from 'svelte/reactivity';
import { collator, type Locale } from '../shared/i18n/translate.ts';
import { backlinks } from '../shared/model/documentLinks.ts';
import type { DocumentMeta, WorkspaceIndex } from '../shared/model/WorkspaceIndex.ts';

/** The documents linking to one document, recomputed when the index changes (here or remotely). */
export class Backlinks {
  readonly #index: WorkspaceIndex;
  readonly #subscribe: () => void;

  constructor(index: WorkspaceIndex) {
    this.#index = index;
    this.#subscribe = createSubscriber((update) => index.observe(update));
  }

  /** Documents not in the bin that link to `id`, by title in the reader's order. */
  of(id: string, locale: Locale): DocumentMeta[] {
    this.#subscribe();
    const byTitle = collator(locale);
    return backlinks(this.#index, id).sort((a, b) => byTitle.compare(a.title, b.title));
  }
}
