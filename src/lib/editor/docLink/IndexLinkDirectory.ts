import { isValidId } from '../../shared/model/ids.ts';
import type { WorkspaceIndex } from '../../shared/model/WorkspaceIndex.ts';
import type { LinkDirectory, LinkTarget } from './linkTarget.ts';

/** The words a link shows; a function, so a change of language reaches links on `refresh()`. */
export type LinkLabels = {
  untitled: string;
  inBin: string;
  notFound: string;
  notFoundHint: string;
  invalid: string;
};

/**
 * Link targets read from the workspace index. One index observer serves every link of the
 * editor, however many there are.
 */
export class IndexLinkDirectory implements LinkDirectory {
  readonly #index: WorkspaceIndex;
  readonly #labels: () => LinkLabels;
  readonly #listeners = new Set<() => void>();
  #stopObserving: (() => void) | null = null;

  constructor(index: WorkspaceIndex, labels: () => LinkLabels) {
    this.#index = index;
    this.#labels = labels;
  }

  resolve(id: unknown): LinkTarget {
    const labels = this.#labels();
    if (typeof id !== 'string' || !isValidId(id))
      return { state: 'invalid', text: labels.invalid, hint: '' };
    const meta = this.#index.get(id);
    if (!meta) return { state: 'missing', text: labels.notFound, hint: labels.notFoundHint };
    const text = meta.title || labels.untitled;
    if (meta.deletedAt !== null) return { state: 'deleted', text, hint: labels.inBin };
    return { state: 'ok', text, hint: '' };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    this.#stopObserving ??= this.#index.observe(() => this.refresh());
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  /** Re-renders every link (the index changed, or the language did). */
  refresh(): void {
    for (const listener of this.#listeners) listener();
  }

  destroy(): void {
    this.#listeners.clear();
    this.#stop();
  }

  #stop(): void {
    this.#stopObserving?.();
    this.#stopObserving = null;
  }
}
