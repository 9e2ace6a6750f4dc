import type { Editor } from '@tiptap/core';
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { AnchorRange } from '../shared/model/comments/anchors.ts';
import { CommentStore } from '../shared/model/comments/CommentStore.ts';
import type { CommentThread } from '../shared/model/comments/types.ts';
import { commentHighlightsKey } from '../editor/comments/CommentHighlights.ts';

/** A document's comment threads as components read them, re-read when any of them changes. */
export class CommentsState {
  readonly store: CommentStore;
  readonly #subscribe: () => void;

  constructor(doc: Y.Doc) {
    this.store = new CommentStore(doc);
    this.#subscribe = createSubscriber((update) => this.store.observe(update));
  }

  get threads(): CommentThread[] {
    this.#subscribe();
    return this.store.threads();
  }
}

/** Where each thread sits in the editor's text and which one is picked, per transaction. */
export class EditorAnchors {
  readonly editor: Editor;
  readonly #subscribe: () => void;

  constructor(editor: Editor) {
    this.editor = editor;
    this.#subscribe = createSubscriber((update) => {
      editor.on('transaction', update);
      return () => editor.off('transaction', update);
    });
  }

  /** Null until the editor has rendered the document (nothing is known to be orphaned yet). */
  get ranges(): ReadonlyMap<string, AnchorRange | null> | null {
    this.#subscribe();
    return commentHighlightsKey.getState(this.editor.state)?.ranges ?? null;
  }

  get active(): string | null {
    this.#subscribe();
    return commentHighlightsKey.getState(this.editor.state)?.active ?? null;
  }
}

export type ThreadGroups = {
  /** Open threads on live text, in the order of the text. */
  anchored: CommentThread[];
  /** Open threads whose text was deleted: kept, listed apart. */
  orphaned: CommentThread[];
  resolved: CommentThread[];
};

export function groupThreads(
  threads: CommentThread[],
  ranges: ReadonlyMap<string, AnchorRange | null> | null
): ThreadGroups {
  const groups: ThreadGroups = { anchored: [], orphaned: [], resolved: [] };
  for (const thread of threads) {
    if (thread.resolved) groups.resolved.push(thread);
    else if (ranges && !ranges.get(thread.id)) groups.orphaned.push(thread);
    else groups.anchored.push(thread);
  }
  const at = (t: CommentThread) => ranges?.get(t.id)?.from ?? Number.MAX_SAFE_INTEGER;
  groups.anchored.sort((a, b) => at(a) - at(b) || a.createdAt - b.createdAt);
  groups.resolved.sort((a, b) => (b.resolved?.at ?? 0) - (a.resolved?.at ?? 0));
  return groups;
}
