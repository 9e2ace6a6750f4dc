/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'comments.title': 'Обсуждения',
  'comments.toggle':
    'Обсуждения: {count, plural, =0 {нет открытых} one {# открытое} few {# открытых} many {# открытых} other {# открытых}}',
  'comments.add': 'Комментировать',
  'comments.addHint': 'Комментировать выделенный текст (Ctrl+Alt+M)',
  'comments.selectFirst': 'Сначала выделите в тексте слова, к которым относится комментарий.',
  'comments.newLabel': 'Новый комментарий',
  'comments.newPlaceholder': 'Ваш комментарий. Чтобы позвать коллегу, напишите @ и имя.',
  'comments.replyLabel': 'Ответ',
  'comments.replyPlaceholder': 'Ваш ответ. @ и имя — позвать коллегу.',
  'comments.send': 'Отправить',
  'comments.cancel': 'Отмена',
  'comments.reply': 'Ответить',
  'comments.resolve': 'Решено',
  'comments.reopen': 'Вернуть в работу',
  'comments.delete': 'Удалить',
  'comments.deleteConfirm': 'Удалить ваш комментарий?',
  'comments.deleted': 'Комментарий удалён автором',
  'comments.orphaned': 'Без привязки к тексту',
  'comments.orphanedHint': 'Текст, который обсуждали, удалён из документа. Обсуждение сохранено.',
  'comments.resolved':
    'Решённые: {count, plural, one {# обсуждение} few {# обсуждения} many {# обсуждений} other {# обсуждения}}',
  'comments.resolvedBy': 'Решено · {name} · {when}',
  'comments.empty': 'Обсуждений пока нет. Выделите слова в тексте и нажмите «Комментировать».',
  'comments.emptyReadOnly': 'Обсуждений пока нет.',
  'comments.readOnly': 'У вас доступ только для чтения: обсуждения видны, но писать в них нельзя.',
  'comments.show': 'Показать в тексте',
  'comments.close': 'Закрыть обсуждения',
  'comments.mentions': 'Участники пространства',
  'comments.someone': 'участник',
  'comments.replies':
    '{count, plural, one {# ответ} few {# ответа} many {# ответов} other {# ответа}}'
} as const;
