/**
 * A document's text as the version comparison sees it: a flat list of blocks (a paragraph, a
 * heading, a list item, a table row…), each with its form and its inline runs (text with its
 * marks, a link to a document, a line break). Plain data, so the comparison needs no editor.
 */

/** What an inline piece is: text, or an atom that still has to show something. */
export type RunKind = 'text' | 'docLink' | 'break';

export type Run = {
  kind: RunKind;
  /** The words (for a document link, the target's title as the link shows it). */
  text: string;
  /** Mark names, sorted (bold, italic, code…); links are `href`, not a mark here. */
  marks: readonly string[];
  /** A text link's address, or a document link's in-app address; null when none. */
  href: string | null;
};

export type BlockType =
  'paragraph' | 'heading' | 'code' | 'item' | 'row' | 'image' | 'file' | 'rule';

/** How a block looks, apart from its words: what a change of form is a change of. */
export type BlockShape = {
  type: BlockType;
  /** A heading's level (1–6); 0 for anything else. */
  level: number;
  /** How deep in lists and quotes the block sits (0 at the top). */
  depth: number;
  /** Inside a quote. */
  quote: boolean;
  /** The kind of list an item belongs to. */
  list: 'bullet' | 'ordered' | 'task' | null;
  /** A task item that is done. */
  checked: boolean;
  /** For a row: which of its cells are header cells. */
  header: readonly boolean[];
};

export type ContentBlock = {
  shape: BlockShape;
  /**
   * What stands before an item («•», «3.», «☐»), or '' (a list item's second paragraph). Not
   * compared: a new first item renumbers the rest of a list, which is not a change to them.
   */
  marker: string;
  /** Rows of one table share a number, so they show as one table; -1 outside a table. */
  table: number;
  /** The block's inline content (for an image, its description; for a file, its name). */
  runs: readonly Run[];
  /** For a row: each cell's runs. */
  cells: readonly (readonly Run[])[];
};

export function shape(type: BlockType, rest: Partial<BlockShape> = {}): BlockShape {
  return {
    type,
    level: 0,
    depth: 0,
    quote: false,
    list: null,
    checked: false,
    header: [],
    ...rest
  };
}

export function textRun(
  text: string,
  marks: readonly string[] = [],
  href: string | null = null
): Run {
  return { kind: 'text', text, marks: [...marks].sort(), href };
}

/** A paragraph of plain text: the simplest block, for callers that only have strings. */
export function paragraph(text: string): ContentBlock {
  return { shape: shape('paragraph'), marker: '', table: -1, runs: [textRun(text)], cells: [] };
}
