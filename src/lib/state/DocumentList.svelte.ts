import { createSubscriber } from 'svelte/reactivity';
import { collator, type Locale } from '../shared/i18n/translate.ts';
import { DocumentTree } from '../shared/model/tree.ts';
import type { DocumentMeta, WorkspaceIndex } from '../shared/model/WorkspaceIndex.ts';
import { inNextTask } from '../scheduling/inNextTask.ts';

/** The workspace's documents as components see them, recomputed when the index changes. */
export class DocumentList {
  readonly index: WorkspaceIndex;
  readonly #subscribe: () => void;
  /** The tree is built once per change of the index, however many components read it. */
  #tree: DocumentTree | null = null;
  readonly #stop: () => void;

  constructor(index: WorkspaceIndex) {
    this.index = index;
    // Components hear of changes in a task of their own, and the tree is built in the task before
    // that: a large index arrives in many slices, and building the tree and redrawing the page
    // inside one slice's task would make it a long one.
    this.#subscribe = createSubscriber((update) => {
      const notify = inNextTask(update);
      const build = inNextTask(() => {
        this.#build();
        notify.run();
      });
      const stop = index.observe(build.run);
      return () => {
        stop();
        build.stop();
        notify.stop();
      };
    });
    this.#stop = index.observe(() => (this.#tree = null));
  }

  /** The tree of collections and documents (bin and templates left out of its rows). */
  get tree(): DocumentTree {
    this.#subscribe();
    return this.#build();
  }

  #build(): DocumentTree {
    if (!this.#tree) {
      const start = performance.now();
      this.#tree = new DocumentTree(this.index.all());
      // Read by the tree benchmark (tests/perf/tree.ts): what one rebuild costs in the browser.
      performance.measure('uzel:tree', { start });
    }
    return this.#tree;
  }

  /** Documents not in the bin, most recently changed first (ties by title, Russian order). */
  active(locale: Locale): DocumentMeta[] {
    const byTitle = collator(locale);
    return this.tree
      .active()
      .sort((a, b) => b.updatedAt - a.updatedAt || byTitle.compare(a.title, b.title));
  }

  /** The bin, most recently deleted first; a collection stands for what is inside it. */
  get bin(): DocumentMeta[] {
    return this.tree.binRoots();
  }

  /** Workspace templates, by title. */
  templates(locale: Locale): DocumentMeta[] {
    this.#subscribe();
    const byTitle = collator(locale);
    return this.index
      .all()
      .filter((d) => d.template && d.deletedAt === null)
      .sort((a, b) => byTitle.compare(a.title, b.title));
  }

  get(id: string): DocumentMeta | null {
    this.#subscribe();
    return this.index.get(id);
  }

  /** True when the document or a collection holding it is in the bin. */
  isInBin(id: string): boolean {
    const meta = this.get(id);
    if (!meta) return false;
    return meta.template ? meta.deletedAt !== null : this.tree.isInBin(id);
  }

  destroy(): void {
    this.#stop();
  }
}
