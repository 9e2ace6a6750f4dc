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
