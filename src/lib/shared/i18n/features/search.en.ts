import type { ru } from './search.ts';

/** English of `search.ts`: a separate module, so it loads only for English readers. */
export const en: Record<keyof typeof ru, string> = {
  'search.label': 'Search',
  'search.placeholder': 'Search the documents',
  'search.headerPlaceholder': 'Search',
  'search.submit': 'Search',
  'search.title': 'Search',
  'search.hint':
    'Words are found in any form: «мастер-классы» also finds «мастер-класса». Search works offline.',
  'search.found': '{count, plural, one {# document found} other {# documents found}}',
  'search.shown': 'showing the first {count}',
  'search.nothing': 'Nothing found. Check the spelling or clear the filters.',
  'search.indexing':
    '{count, plural, one {# more document is being prepared for search…} other {# more documents are being prepared for search…}}',
  'search.failed': 'Search does not work right now: {message}',
  'search.filterType': 'Document type',
  'search.filterTag': 'Tags',
  'search.allTypes': 'All types',
  'search.clearFilters': 'Clear filters',
  'search.results': 'Search results',
  'search.tagged': 'Tags: {tags}',
  'search.type.collection': 'Folder',
  'search.type.methodology': 'Methodology',
  'search.type.masterClass': 'Master class',
  'search.type.projectPlan': 'Project plan',
  'search.type.eventReport': 'Event report',
  'search.type.localHistory': 'Local history note',
  'search.type.note': 'Note'
};
