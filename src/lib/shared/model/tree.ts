import { compareKeys } from './ordering.ts';
import type { DocumentMeta } from './WorkspaceIndex.ts';

/** One visible line of the tree, flattened for a virtualised list and the ARIA tree pattern. */
export type TreeRow = {
  meta: DocumentMeta;
  depth: number;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
  /** 1-based position among its visible siblings, and their number (aria-posinset/setsize). */
  position: number;
  setSize: number;
};

/** Siblings sort by their order key, then by id: every peer computes the same order. */
export function compareSiblings(a: DocumentMeta, b: DocumentMeta): number {
  return compareKeys(a.order, b.order) || compareKeys(a.id, b.id);
}

/**
 * The tree as every peer computes it from the same index state. Parent pointers are written by
 * people moving documents concurrently, so the raw pointers may form a cycle (A moved into B
 * while B was moved into A) or point at something missing. Reading resolves that without writing:
 * - a parent that is missing or a template puts the document at the top level;
 * - in a cycle, the document with the smallest id goes to the top level, the rest hang below it,
 *   so nothing disappears and all peers agree;
 * - a document inside a deleted one is in the bin with it, and comes back when it is restored.
 */
export class DocumentTree {
  readonly #byId = new Map<string, DocumentMeta>();
  readonly #parent = new Map<string, string | null>();
  readonly #children = new Map<string | null, DocumentMeta[]>();
  readonly #inBin = new Set<string>();

  constructor(all: Iterable<DocumentMeta>) {
    for (const meta of all) if (!meta.template) this.#byId.set(meta.id, meta);
    this.#resolveParents();
    for (const [id, parentId] of this.#parent) {
      const list = this.#children.get(parentId);
      const meta = this.#byId.get(id)!;
      if (list) list.push(meta);
      else this.#children.set(parentId, [meta]);
    }
    for (const list of this.#children.values()) list.sort(compareSiblings);
    this.#markBin(null, false);
  }

  get(id: string): DocumentMeta | null {
    return this.#byId.get(id) ?? null;
  }

  /** The parent the tree shows (after resolving cycles and missing parents). */
  parentOf(id: string): string | null {
    return this.#parent.get(id) ?? null;
  }

  /** True when the document or one of its collections is in the bin. */
  isInBin(id: string): boolean {
    return this.#inBin.has(id);
  }

  /** Children not in the bin, in their order. */
  childrenOf(parentId: string | null): DocumentMeta[] {
    return (this.#children.get(parentId) ?? []).filter((m) => !this.#inBin.has(m.id));
  }

  /** Documents not in the bin (templates excluded). */
  active(): DocumentMeta[] {
    return [...this.#byId.values()].filter((m) => !this.#inBin.has(m.id));
  }

  /** Tops of what is in the bin: deleted documents that are not inside another deleted one. */
  binRoots(): DocumentMeta[] {
    return [...this.#byId.values()]
      .filter((m) => m.deletedAt !== null && !this.#inBin.has(this.parentOf(m.id) ?? ''))
      .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
  }

  /** Every document below `id`, at any depth, in the bin or not. */
  descendants(id: string): string[] {
    const out: string[] = [];
    const stack = [...(this.#children.get(id) ?? [])];
    while (stack.length > 0) {
      const meta = stack.pop()!;
      out.push(meta.id);
      stack.push(...(this.#children.get(meta.id) ?? []));
    }
    return out;
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean {
    for (let at: string | null = id; at !== null; at = this.parentOf(at)) {
      if (at === ancestorId) return true;
    }
    return false;
  }

  /** Collections from the top down to the document's parent. */
  pathOf(id: string): DocumentMeta[] {
    const path: DocumentMeta[] = [];
    for (let at = this.parentOf(id); at !== null; at = this.parentOf(at)) {
      path.unshift(this.#byId.get(at)!);
    }
    return path;
  }

  /** Collections not in the bin, depth first with their depth: the places a document can go. */
  collections(): { meta: DocumentMeta; depth: number }[] {
    const out: { meta: DocumentMeta; depth: number }[] = [];
    const walk = (parentId: string | null, depth: number) => {
      for (const meta of this.childrenOf(parentId)) {
        if (meta.type !== 'collection') continue;
        out.push({ meta, depth });
        walk(meta.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }

  /**
   * The visible rows: children of expanded documents, depth first. With `only`, just those
   * documents and the collections leading to them, all open (a filtered view).
   */
  rows(expanded: ReadonlySet<string>, only?: ReadonlySet<string>): TreeRow[] {
    let keep: Set<string> | null = null;
    if (only) {
      keep = new Set();
      for (const id of only) {
        if (this.#inBin.has(id)) continue;
        for (let at: string | null = id; at !== null && !keep.has(at); at = this.parentOf(at)) {
          keep.add(at);
        }
      }
    }
    const visible = (parentId: string | null) => {
      const list = this.childrenOf(parentId);
      return keep ? list.filter((m) => keep.has(m.id)) : list;
    };
    const rows: TreeRow[] = [];
    const walk = (parentId: string | null, depth: number) => {
      const siblings = visible(parentId);
      siblings.forEach((meta, i) => {
        const hasChildren = visible(meta.id).length > 0;
        const open = hasChildren && (keep !== null || expanded.has(meta.id));
        rows.push({
          meta,
          depth,
          parentId,
          hasChildren,
          expanded: open,
          position: i + 1,
          setSize: siblings.length
        });
        if (open) walk(meta.id, depth + 1);
      });
    };
    walk(null, 0);
    return rows;
  }

  #resolveParents(): void {
    const raw = (id: string): string | null => {
      const parentId = this.#byId.get(id)!.parentId;
      return parentId !== null && this.#byId.has(parentId) ? parentId : null;
    };
    const done = new Set<string>();
    for (const start of this.#byId.keys()) {
      const path: string[] = [];
      const onPath = new Set<string>();
      let at: string | null = start;
      while (at !== null && !done.has(at) && !onPath.has(at)) {
        path.push(at);
        onPath.add(at);
        at = raw(at);
      }
      let breakAt: string | null = null;
      if (at !== null && onPath.has(at)) {
        // A cycle: the same one whichever member the walk started from, broken at its least id.
        const cycle = path.slice(path.indexOf(at));
        breakAt = cycle.reduce((min, id) => (compareKeys(id, min) < 0 ? id : min));
      }
      for (const id of path) {
        this.#parent.set(id, id === breakAt ? null : raw(id));
        done.add(id);
      }
    }
  }

  #markBin(parentId: string | null, parentInBin: boolean): void {
    const stack: [string | null, boolean][] = [[parentId, parentInBin]];
    while (stack.length > 0) {
      const [id, inBin] = stack.pop()!;
      for (const child of this.#children.get(id) ?? []) {
        const childInBin = inBin || child.deletedAt !== null;
        if (childInBin) this.#inBin.add(child.id);
        stack.push([child.id, childInBin]);
      }
    }
  }
}
