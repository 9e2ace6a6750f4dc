import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from './types.ts';

/**
 * A comment's anchor is a pair of Yjs relative positions into the document's content fragment:
 * they point at characters, not offsets, so the range follows the text through everyone's
 * edits, offline ones included. The ProseMirror positions they turn into come from the
 * y-prosemirror binding's mapping (Y type → ProseMirror node), the same one the Collaboration
 * extension keeps.
 */

/** The ySyncPlugin binding's mapping; `initProseMirrorDoc` builds one without an editor. */
export type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];

export type AnchorRange = { from: number; to: number };

/**
 * Anchors the ProseMirror range `from..to`. The start sticks to the first character of the
 * range and the end to its last, so text typed just outside the range stays outside it.
 */
export function createAnchor(
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  from: number,
  to: number
): CommentAnchor | null {
  const doc = fragment.doc;
  if (!doc || from >= to) return null;
  const start = absolutePositionToRelativePosition(from, fragment, mapping) as Y.RelativePosition;
  // y-prosemirror encodes a text position as "after the character on its left" (assoc -1);
  // for the start, "before the character on its right" is what keeps the range's first word.
  const decoded = Y.createAbsolutePositionFromRelativePosition(start, doc);
  const sticky =
    decoded && decoded.type instanceof Y.XmlText
      ? Y.createRelativePositionFromTypeIndex(decoded.type, decoded.index, 0)
      : start;
  const end = absolutePositionToRelativePosition(to, fragment, mapping) as Y.RelativePosition;
  return { start: Y.encodeRelativePosition(sticky), end: Y.encodeRelativePosition(end) };
}

/**
 * Where an anchor is now, or null when its text is gone (the thread is then orphaned). Garbage
 * from a peer resolves to null too.
 */
export function resolveAnchor(
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  anchor: CommentAnchor,
  docSize: number
): AnchorRange | null {
  const from = resolvePosition(fragment, mapping, anchor.start);
  const to = resolvePosition(fragment, mapping, anchor.end);
  if (from === null || to === null || from >= to || from < 0 || to > docSize) return null;
  return { from, to };
}

function resolvePosition(
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
  encoded: Uint8Array
): number | null {
  const doc = fragment.doc;
  if (!doc) return null;
  try {
    const relative = Y.decodeRelativePosition(encoded);
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
    if (!absolute || !insideLive(absolute.type, fragment)) return null;
    const pos = relativePositionToAbsolutePosition(doc, fragment, relative, mapping);
    if (pos !== null) return pos;
    // y-prosemirror refuses a character position that lands at the very start of the document
    // (its guard against positions that fell out of a deleted block); an anchor on the first
    // word is a real one, so it is asked again as "start of that text".
    if (absolute.type instanceof Y.XmlText && absolute.index === 0) {
      const atStart = Y.createRelativePositionFromTypeIndex(absolute.type, 0, -1);
      return relativePositionToAbsolutePosition(doc, fragment, atStart, mapping);
    }
    return null;
  } catch {
    return null;
  }
}

/** True when `type` is the fragment or inside it, and neither it nor a parent was deleted. */
function insideLive(type: Y.AbstractType<unknown>, fragment: Y.XmlFragment): boolean {
  let current: Y.AbstractType<unknown> | null = type;
  while (current && current !== fragment) {
    const item: Y.Item | null = current._item;
    if (!item || item.deleted) return false;
    current = item.parent instanceof Y.AbstractType ? item.parent : null;
  }
  return current === fragment;
}
