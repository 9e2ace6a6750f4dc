import { Fragment, Slice, type Node as PmNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { ProsemirrorBinding } from '@tiptap/y-tiptap';

/**
 * A change from elsewhere (a colleague, the device's copy read in slices) touches a few blocks,
 * but y-tiptap 3.0.9 answers every one by rebuilding the whole ProseMirror document from Yjs
 * (`mapping.clear()` before `createNodeIfNotExists` for each block) and replacing it from the first
 * position to the last. In a 100 KB document every remote word then costs a rebuild of every
 * paragraph, a diff of all of them by the view, and plugins (autolink, tables) that scan the whole
 * "changed" range; opening a 1,000,000-character copy read in ten slices rebuilds the text ten
 * times over.
 *
 * This keeps y-tiptap's own code (selection restore, its structural-change recovery) and changes
 * two things while it runs:
 * - the mapping keeps the blocks of types Yjs reports unchanged (y-tiptap has just removed the
 *   changed, deleted and parent types from it, as y-prosemirror always did), so only changed
 *   blocks are rebuilt and the sizes it resolves positions with are those of the new document;
 * - the replace covers only the top-level blocks that differ: the untouched blocks at both ends
 *   are the very same nodes in both documents, so the result is the same document.
 */
type Binding = {
  mapping: Map<unknown, unknown>;
  prosemirrorView: { state: { tr: Transaction } } | null;
  _typeChanged(events: unknown[], transaction: unknown): void;
};

let installed = false;

export function installIncrementalRemoteSync(): void {
  if (installed) return;
  installed = true;
  const proto = ProsemirrorBinding.prototype as unknown as Binding;
  const typeChanged = proto._typeChanged;
  proto._typeChanged = function (this: Binding, events, transaction) {
    const mapping = this.mapping;
    Object.defineProperty(mapping, 'clear', { value: () => {}, configurable: true });
    Object.defineProperty(this, '_tr', {
      configurable: true,
      get: () => narrowedReplace(this.prosemirrorView!.state.tr.setMeta('addToHistory', false))
    });
    try {
      typeChanged.call(this, events, transaction);
    } finally {
      delete (mapping as { clear?: unknown }).clear;
      delete (this as { _tr?: unknown })._tr;
    }
  };
}

/** `tr`, whose replace of the whole document replaces only the blocks that differ. */
function narrowedReplace(tr: Transaction): Transaction {
  const replace = tr.replace.bind(tr);
  tr.replace = (from, to = from, slice = Slice.empty) => {
    const whole = from === 0 && to === tr.doc.content.size;
    if (!whole || slice.openStart !== 0 || slice.openEnd !== 0) return replace(from, to, slice);
    const before = tr.doc.content;
    const after = slice.content;
    let start = 0;
    let startPos = 0;
    const shorter = Math.min(before.childCount, after.childCount);
    while (start < shorter && before.child(start) === after.child(start)) {
      startPos += before.child(start).nodeSize;
      start++;
    }
    let endBefore = before.childCount;
    let endAfter = after.childCount;
    let endPos = before.size;
    while (
      endBefore > start &&
      endAfter > start &&
      before.child(endBefore - 1) === after.child(endAfter - 1)
    ) {
      endBefore--;
      endAfter--;
      endPos -= before.child(endBefore).nodeSize;
    }
    if (start === endBefore && start === endAfter) return tr;
    const changed: PmNode[] = [];
    for (let i = start; i < endAfter; i++) changed.push(after.child(i));
    return replace(startPos, endPos, new Slice(Fragment.fromArray(changed), 0, 0));
  };
  return tr;
}
