import { diffArrays, diffWords } from 'diff';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** One block of the comparison: unchanged, only in one text, or changed word by word. */
export type DiffBlock = { kind: 'same' | 'added' | 'removed' | 'changed'; parts: DiffPart[] };

// Intl.Segmenter knows Russian words; the library's default regexes only know Latin letters.
const segmenter = new Intl.Segmenter('ru', { granularity: 'word' });

/**
 * Compares two texts given as blocks (paragraphs, headings, list items): whole blocks first, then
 * word by word inside a block that was edited. `before` is the older text.
 */
export function diffBlocks(before: readonly string[], after: readonly string[]): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  const changes = diffArrays([...before], [...after]);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      for (const text of change.value)
        blocks.push({ kind: 'same', parts: [{ kind: 'same', text }] });
      continue;
    }
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      // Removed blocks followed by added ones: pair them up as edits of the same block.
      const paired = Math.min(change.value.length, next.value.length);
      for (let k = 0; k < paired; k++) {
        blocks.push(changedBlock(change.value[k]!, next.value[k]!));
      }
      for (const text of change.value.slice(paired)) blocks.push(whole('removed', text));
      for (const text of next.value.slice(paired)) blocks.push(whole('added', text));
      i++;
      continue;
    }
    for (const text of change.value) blocks.push(whole(change.added ? 'added' : 'removed', text));
  }
  return blocks;
}

function whole(kind: 'added' | 'removed', text: string): DiffBlock {
  return { kind, parts: [{ kind, text }] };
}

function changedBlock(before: string, after: string): DiffBlock {
  const parts = diffWords(before, after, { intlSegmenter: segmenter }).map((c): DiffPart => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value
  }));
  return { kind: 'changed', parts };
}

/** Whether a comparison found any difference at all. */
export function hasChanges(blocks: readonly DiffBlock[]): boolean {
  return blocks.some((b) => b.kind !== 'same');
}
