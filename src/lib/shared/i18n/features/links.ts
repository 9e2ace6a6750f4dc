/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'links.inBin': 'в корзине',
  'links.notFound': 'документ не найден',
  'links.notFoundHint': 'Такого документа нет в пространстве или он ещё не загрузился',
  'links.invalid': 'повреждённая ссылка',
  'links.pickerLabel': 'Ссылка на документ',
  'links.pickerEmpty': 'Нет подходящих документов',
  'links.backlinksTitle': 'Ссылаются на этот документ',
  'links.backlinksEmpty': 'Пока ни один документ не ссылается на этот.',
  'links.howTo': 'Чтобы сослаться на другой документ, наберите в тексте [[ или @ и начало названия.'
} as const;
