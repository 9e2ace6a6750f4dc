import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PmNode } from './types.ts';

/** The longest the decoding holds the event loop before other requests get their turn. */
const SLICE_MS = 10;
/**
 * Characters per stored part: each is read by a query of its own. Reading a 10 MB content in
 * one went on for 70 ms and more in SQLite (this process) before any of it could be parsed.
 */
export const PART_CHARS = 256 * 1024;

/**
 * A pinned content as it is stored: the root node (its `content` left empty) on the first line,
 * then each top-level block on a line of its own, the lines grouped into parts of about
 * `PART_CHARS` (a block longer than that is a part by itself). `JSON.stringify` escapes every
 * line break inside a string, so a line is always one whole block, and reading the content back
 * can be cut between parts and between blocks: in one `JSON.parse`, a 10 MB material held the
 * server's event loop for 200 ms.
 */
export function encodeContent(root: PmNode): string[] {
  if (!Array.isArray(root.content) || root.content.length === 0) return [JSON.stringify(root)];
  const parts: string[] = [];
  let lines = [JSON.stringify({ ...root, content: [] })];
  let size = lines[0]!.length;
  for (const block of root.content as unknown[]) {
    const line = JSON.stringify(block);
    if (size + line.length > PART_CHARS) {
      parts.push(lines.join('\n'));
      lines = [];
      size = 0;
    }
    lines.push(line);
    size += line.length + 1;
  }
  parts.push(lines.join('\n'));
  return parts;
}

/**
 * Builds the content back from the parts `encodeContent` made, given in order, parsing a block at
 * a time and yielding to the event loop every `SLICE_MS`. One block larger than all the rest is
 * still parsed in one go.
 */
export class ContentDecoder {
  #root: (PmNode & { content?: unknown }) | null = null;
  #sliceStart = performance.now();

  async add(part: string): Promise<void> {
    let start = 0;
    while (start < part.length) {
      let end = part.indexOf('\n', start);
      if (end < 0) end = part.length;
      const node = JSON.parse(part.slice(start, end)) as PmNode;
      if (this.#root === null) this.#root = node;
      else (this.#root.content as unknown[]).push(node);
      start = end + 1;
      if (performance.now() - this.#sliceStart >= SLICE_MS) {
        await nextTurn();
        this.#sliceStart = performance.now();
      }
    }
  }

  /** The content; null before the first part. */
  get root(): PmNode | null {
    return this.#root;
  }
}
