import { Extension } from '@tiptap/core';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import {
  createAnchor,
  resolveAnchor,
  type AnchorRange,
  type ProsemirrorMapping
} from '../../shared/model/comments/anchors.ts';
import { CommentStore } from '../../shared/model/comments/CommentStore.ts';
import type { CommentAnchor } from '../../shared/model/comments/types.ts';

/**
 * Highlights the text of open comment threads and tells which thread the reader is on.
 *
 * Ranges come from the threads' Yjs relative positions whenever the text changed under us (a
 * remote or undo change arrives as a ySync transaction that replaces the document) or the
 * comments changed; a local edit just maps the known ranges, because its Yjs update is written
 * only after the transaction is applied.
 */
export type CommentHighlightsState = {
  /** Thread id → its range now, or null when its text is gone (orphaned). Null before the
   * binding has rendered the document, when nothing is known yet. */
  ranges: ReadonlyMap<string, AnchorRange | null> | null;
  /** The thread the reader picked in the text or in the sidebar. */
  active: string | null;
  /** Open (unresolved) threads: only these are highlighted. */
  open: ReadonlySet<string>;
  decorations: DecorationSet;
};

type Meta = { refresh?: true; active?: string | null };

export const commentHighlightsKey = new PluginKey<CommentHighlightsState>('commentHighlights');

type SyncState = { binding: { mapping: ProsemirrorMapping } | null; type: Y.XmlFragment } | null;

function binding(
  state: EditorState
): { fragment: Y.XmlFragment; mapping: ProsemirrorMapping } | null {
  const sync = ySyncPluginKey.getState(state) as SyncState;
  if (!sync?.binding || sync.binding.mapping.size === 0) return null;
  return { fragment: sync.type, mapping: sync.binding.mapping };
}

function resolveAll(store: CommentStore, state: EditorState) {
  const bound = binding(state);
  if (!bound) return null;
  const ranges = new Map<string, AnchorRange | null>();
  const open = new Set<string>();
  for (const thread of store.threads()) {
    const range = thread.anchor
      ? resolveAnchor(bound.fragment, bound.mapping, thread.anchor, state.doc.content.size)
      : null;
    ranges.set(thread.id, range);
    if (!thread.resolved) open.add(thread.id);
  }
  return { ranges, open };
}

function mapRanges(ranges: ReadonlyMap<string, AnchorRange | null>, tr: Transaction) {
  const out = new Map<string, AnchorRange | null>();
  for (const [id, range] of ranges) {
    if (!range) out.set(id, null);
    else {
      const from = tr.mapping.map(range.from, 1);
      const to = tr.mapping.map(range.to, -1);
      out.set(id, from < to ? { from, to } : null);
    }
  }
  return out;
}

function decorate(state: Omit<CommentHighlightsState, 'decorations'>, doc: EditorState['doc']) {
  const decorations: Decoration[] = [];
  for (const [id, range] of state.ranges ?? []) {
    if (!range || !state.open.has(id)) continue;
    const active = id === state.active;
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        { class: active ? 'comment-anchor comment-anchor-active' : 'comment-anchor' },
        { threadId: id }
      )
    );
  }
  return DecorationSet.create(doc, decorations);
}

/** The thread ids whose highlighted text covers `pos`, shortest range first. */
export function threadsAt(state: EditorState, pos: number): string[] {
  const plugin = commentHighlightsKey.getState(state);
  if (!plugin?.ranges) return [];
  return [...plugin.ranges]
    .filter(([id, r]) => r && plugin.open.has(id) && r.from <= pos && pos <= r.to)
    .sort(([, a], [, b]) => a!.to - a!.from - (b!.to - b!.from))
    .map(([id]) => id);
}

export function setActiveThread(view: EditorView, id: string | null): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { active: id } satisfies Meta));
}

/** An anchor and quote for the current selection, or null when nothing is selected. */
export function anchorForSelection(
  state: EditorState
): { anchor: CommentAnchor; quote: string } | null {
  const { from, to, empty } = state.selection;
  const bound = binding(state);
  if (empty || !bound) return null;
  const quote = state.doc.textBetween(from, to, ' ', ' ').trim();
  if (quote === '') return null;
  const anchor = createAnchor(bound.fragment, bound.mapping, from, to);
  return anchor ? { anchor, quote } : null;
}

export const CommentHighlights = Extension.create<{ doc: Y.Doc | null }>({
  name: 'commentHighlights',

  addOptions() {
    return { doc: null };
  },

  addProseMirrorPlugins() {
    if (!this.options.doc) return [];
    const store = new CommentStore(this.options.doc);
    return [
      new Plugin<CommentHighlightsState>({
        key: commentHighlightsKey,
        state: {
          init: (_, state) => ({
            ranges: null,
            active: null,
            open: new Set(),
            decorations: DecorationSet.create(state.doc, [])
          }),
          apply(tr, previous, _old, state) {
            const meta = tr.getMeta(commentHighlightsKey) as Meta | undefined;
            let { ranges, open } = previous;
            const fromYjs =
              meta?.refresh || tr.getMeta(ySyncPluginKey) !== undefined || ranges === null;
            if (fromYjs) {
              const resolved = resolveAll(store, state);
              ranges = resolved?.ranges ?? null;
              open = resolved?.open ?? open;
            } else if (tr.docChanged && ranges) {
              ranges = mapRanges(ranges, tr);
            }
            const active = meta && 'active' in meta ? (meta.active ?? null) : previous.active;
            if (ranges === previous.ranges && active === previous.active) return previous;
            const next = { ranges, open, active };
            return { ...next, decorations: decorate(next, state.doc) };
          }
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          handleClick(view, pos) {
            const [id] = threadsAt(view.state, pos);
            if (id && id !== commentHighlightsKey.getState(view.state)?.active) {
              setActiveThread(view, id);
            }
            // The click still places the caret: highlighted text stays editable.
            return false;
          }
        },
        view(view) {
          let destroyed = false;
          // Comment changes arrive in Yjs observers, possibly in the middle of the ySync
          // binding applying the same remote update; refreshing a moment later sees both.
          const stop = store.observe(() =>
            queueMicrotask(() => {
              if (!destroyed) {
                view.dispatch(
                  view.state.tr
                    .setMeta(commentHighlightsKey, { refresh: true } satisfies Meta)
                    .setMeta('addToHistory', false)
                );
              }
            })
          );
          return {
            destroy() {
              destroyed = true;
              stop();
            }
          };
        }
      })
    ];
  }
});
