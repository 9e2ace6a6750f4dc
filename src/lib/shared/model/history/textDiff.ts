import { diffArrays } from 'diff';
import { paragraph, type BlockShape, type ContentBlock, type Run } from './contentBlocks.ts';

export type Change = 'same' | 'added' | 'removed';

/** A piece of a compared block: a run of the text, marked as kept, added or removed. */
export type DiffPart = Run & { change: Change };

/** One block of the comparison: unchanged, only in one text, or changed word by word. */
export type DiffBlock = {
  kind: 'same' | 'added' | 'removed' | 'changed';
  /** The block's form now (for a removed block, its form then). */
  shape: BlockShape;
  marker: string;
  table: number;
  /** Set when an edited block changed its form too (a paragraph became a heading…). */
  formerShape: BlockShape | null;
  parts: DiffPart[];
  /** For a row: each cell's parts. */
  cells: DiffPart[][];
};

// Intl.Segmenter knows Russian words; the library's default regexes only know Latin letters.
const segmenter = new Intl.Segmenter('ru', { granularity: 'word' });

/** What makes two blocks the same block: form and runs, never the list number. */
function blockKey(block: ContentBlock): string {
  return JSON.stringify([block.shape, block.runs, block.cells]);
}

function shapeKey(shape: BlockShape): string {
  return JSON.stringify(shape);
}

/**
 * Compares two texts given as blocks: whole blocks first, then word by word inside a block that
 * was edited, marks included (a word made bold shows as the plain word removed and the bold one
 * added). `before` is the older text.
 */
export function diffContent(
  before: readonly ContentBlock[],
  after: readonly ContentBlock[]
): DiffBlock[] {
  const out: DiffBlock[] = [];
  const changes = diffArrays(before.map(blockKey), after.map(blockKey));
  let b = 0;
  let a = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const n = change.count ?? change.value.length;
    if (!change.added && !change.removed) {
      for (let k = 0; k < n; k++) out.push(whole('same', after[a + k]!));
      a += n;
      b += n;
      continue;
    }
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      // Removed blocks followed by added ones: pair them up as edits of the same block.
      const m = next.count ?? next.value.length;
      const paired = Math.min(n, m);
      for (let k = 0; k < paired; k++) out.push(changedBlock(before[b + k]!, after[a + k]!));
      for (let k = paired; k < n; k++) out.push(whole('removed', before[b + k]!));
      for (let k = paired; k < m; k++) out.push(whole('added', after[a + k]!));
      b += n;
      a += m;
      i++;
      continue;
    }
    if (change.added) {
      for (let k = 0; k < n; k++) out.push(whole('added', after[a + k]!));
      a += n;
    } else {
      for (let k = 0; k < n; k++) out.push(whole('removed', before[b + k]!));
      b += n;
    }
  }
  return out;
}

/** The plain-text comparison of blocks given as strings (each a paragraph). */
export function diffBlocks(before: readonly string[], after: readonly string[]): DiffBlock[] {
  return diffContent(before.map(paragraph), after.map(paragraph));
}

function whole(kind: 'same' | 'added' | 'removed', block: ContentBlock): DiffBlock {
  const mark = (runs: readonly Run[]) => runs.map((run) => ({ ...run, change: kind }));
  return {
    kind,
    shape: block.shape,
    marker: block.marker,
    table: block.table,
    formerShape: null,
    parts: mark(block.runs),
    cells: block.cells.map(mark)
  };
}

function changedBlock(before: ContentBlock, after: ContentBlock): DiffBlock {
  const cells: DiffPart[][] = [];
  for (let c = 0; c < Math.max(before.cells.length, after.cells.length); c++) {
    cells.push(diffRuns(before.cells[c] ?? [], after.cells[c] ?? []));
  }
  return {
    kind: 'changed',
    shape: after.shape,
    marker: after.marker,
    table: after.table,
    formerShape: shapeKey(before.shape) === shapeKey(after.shape) ? null : before.shape,
    parts: diffRuns(before.runs, after.runs),
    cells
  };
}

/** Runs cut into words (and the spaces and signs between them), each keeping its marks. */
function tokens(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (run.kind !== 'text') {
      out.push(run);
      continue;
    }
    for (const { segment } of segmenter.segment(run.text)) out.push({ ...run, text: segment });
  }
  return out;
}

const tokenKey = (run: Run) => JSON.stringify([run.kind, run.marks, run.href, run.text]);

/** Word by word, then neighbours with the same change and look joined again. */
export function diffRuns(before: readonly Run[], after: readonly Run[]): DiffPart[] {
  const from = tokens(before);
  const to = tokens(after);
  const parts: DiffPart[] = [];
  let f = 0;
  let t = 0;
  for (const change of diffArrays(from.map(tokenKey), to.map(tokenKey))) {
    const n = change.count ?? change.value.length;
    const kind: Change = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const source = change.removed ? from.slice(f, f + n) : to.slice(t, t + n);
    if (!change.added) f += n;
    if (!change.removed) t += n;
    for (const token of source) push(parts, { ...token, change: kind });
  }
  return parts;
}

function push(parts: DiffPart[], part: DiffPart): void {
  const last = parts.at(-1);
  if (
    last &&
    last.kind === 'text' &&
    part.kind === 'text' &&
    last.change === part.change &&
    last.href === part.href &&
    last.marks.join() === part.marks.join()
  ) {
    last.text += part.text;
    return;
  }
  parts.push(part);
}

/** Whether a comparison found any difference at all. */
export function hasChanges(blocks: readonly DiffBlock[]): boolean {
  return blocks.some((b) => b.kind !== 'same');
}
