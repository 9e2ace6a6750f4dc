import type { ru } from './links.ts';

/** English of `links.ts`: a separate module, so it loads only for English readers. */
export const en: Record<keyof typeof ru, string> = {
  'links.inBin': 'in the bin',
  'links.notFound': 'document not found',
  'links.notFoundHint': 'There is no such document in this workspace, or it has not loaded yet',
  'links.invalid': 'broken link',
  'links.pickerLabel': 'Link to a document',
  'links.pickerEmpty': 'No matching documents',
  'links.backlinksTitle': 'Documents linking here',
  'links.backlinksEmpty': 'No document links to this one yet.',
  'links.howTo': 'To link another document, type [[ or @ in the text and the start of its title.'
};
