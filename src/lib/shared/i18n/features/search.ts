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
