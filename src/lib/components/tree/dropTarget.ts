import type { TreeRow } from '../../shared/model/tree.ts';

/** Where a dragged document would land: before or after a row, or into a collection row. */
export type DropTarget = { rowIndex: number; zone: 'before' | 'after' | 'into' };

/**
 * The drop target under the pointer. `y` is the pointer's offset from the top of the list.
 * The middle of a collection row means "into it"; its top and bottom quarters mean between rows.
 * Nothing is returned over the dragged document's own subtree: it cannot go inside itself.
 */
export function dropTargetAt(
  rows: readonly TreeRow[],
  y: number,
  rowHeight: number,
  isInsideDragged: (id: string) => boolean
): DropTarget | null {
  if (rows.length === 0) return null;
  const rowIndex = Math.max(0, Math.min(rows.length - 1, Math.floor(y / rowHeight)));
  const row = rows[rowIndex];
  if (!row || isInsideDragged(row.meta.id)) return null;
  const within = y / rowHeight - rowIndex;
  const isCollection = row.meta.type === 'collection';
  if (isCollection && within > 0.25 && within < 0.75) return { rowIndex, zone: 'into' };
  return { rowIndex, zone: within < 0.5 ? 'before' : 'after' };
}

/** The move that a drop target stands for, in the index's terms. */
export function moveFor(
  rows: readonly TreeRow[],
  target: DropTarget
): { parentId: string | null; position: { beforeId?: string; afterId?: string } } {
  const row = rows[target.rowIndex]!;
  if (target.zone === 'into') return { parentId: row.meta.id, position: {} };
  // Below an open collection, "after" it means first inside it, where the line is drawn.
  if (target.zone === 'after' && row.expanded) {
    const first = rows[target.rowIndex + 1];
    return { parentId: row.meta.id, position: first ? { beforeId: first.meta.id } : {} };
  }
  return {
    parentId: row.parentId,
    position: target.zone === 'before' ? { beforeId: row.meta.id } : { afterId: row.meta.id }
  };
}
