import type { DocumentType } from '../documentTypes.ts';
import type { Block } from '../richText.ts';

/** A built-in template: the headings a methodologist expects for one document type. */
export type BuiltInTemplate = {
  id: string;
  type: DocumentType;
  /** Shown in the picker; the content is Russian, the language the network writes in. */
  title: string;
  blocks: Block[];
};

/** Sections of a template: each heading followed by an empty paragraph to type into. */
export function sections(headings: string[]): Block[] {
  return headings.flatMap((text): Block[] => [
    { type: 'heading', level: 2, text },
    { type: 'paragraph', runs: [] }
  ]);
}
