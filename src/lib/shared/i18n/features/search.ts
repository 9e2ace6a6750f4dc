/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'search.label': 'Поиск',
  'search.placeholder': 'Найти в документах',
  'search.headerPlaceholder': 'Поиск',
  'search.submit': 'Найти',
  'search.title': 'Поиск',
  'search.hint':
    'Ищите по словам в любой форме: «мастер-классы» найдёт и «мастер-класса». Поиск работает без интернета.',
  'search.found':
    '{count, plural, one {Найден # документ} few {Найдено # документа} many {Найдено # документов} other {Найдено # документа}}',
  'search.shown': 'показаны первые {count}',
  'search.nothing': 'Ничего не нашлось. Проверьте написание или уберите фильтры.',
  'search.indexing':
    '{count, plural, one {Ещё # документ готовится к поиску…} few {Ещё # документа готовятся к поиску…} many {Ещё # документов готовятся к поиску…} other {Ещё # документа готовятся к поиску…}}',
  'search.failed': 'Поиск сейчас не работает: {message}',
  'search.filterType': 'Тип документа',
  'search.filterTag': 'Метки',
  'search.allTypes': 'Все типы',
  'search.clearFilters': 'Сбросить фильтры',
  'search.results': 'Результаты поиска',
  'search.tagged': 'Метки: {tags}',
  'search.type.collection': 'Папка',
  'search.type.methodology': 'Методическая разработка',
  'search.type.masterClass': 'Мастер-класс',
  'search.type.projectPlan': 'План проекта',
  'search.type.eventReport': 'Отчёт о мероприятии',
  'search.type.localHistory': 'Краеведческая справка',
  'search.type.note': 'Заметка'
} as const;

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
