/**
 * The names of document types and directions, in both languages in one small module: the search
 * index files a document under either name («краеведение» and "local history" both find it),
 * whichever language the page shows, so it needs the English ones without the English catalogue.
 */
export const ru = {
  'type.collection': 'Папка',
  'type.methodology': 'Методическая разработка',
  'type.masterClass': 'Мастер-класс',
  'type.projectPlan': 'План проекта',
  'type.eventReport': 'Отчёт о мероприятии',
  'type.localHistory': 'Краеведческая справка',
  'type.note': 'Заметка или протокол',
  'direction.folkCulture': 'Народная культура',
  'direction.localHistory': 'Краеведение',
  'direction.technical': 'Техническое творчество',
  'direction.decorativeArts': 'Декоративно-прикладное творчество',
  'direction.theatre': 'Театр',
  'direction.music': 'Музыка'
} as const;

export const en: Record<keyof typeof ru, string> = {
  'type.collection': 'Folder',
  'type.methodology': 'Teaching methodology',
  'type.masterClass': 'Master class',
  'type.projectPlan': 'Project plan',
  'type.eventReport': 'Event report',
  'type.localHistory': 'Local history note',
  'type.note': 'Note or minutes',
  'direction.folkCulture': 'Folk culture',
  'direction.localHistory': 'Local history',
  'direction.technical': 'Technical creativity',
  'direction.decorativeArts': 'Decorative and applied arts',
  'direction.theatre': 'Theatre',
  'direction.music': 'Music'
};
