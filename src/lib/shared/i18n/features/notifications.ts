/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'notifications.title': 'Уведомления',
  'notifications.link':
    'Уведомления{count, plural, =0 {} one {: # непрочитанное} few {: # непрочитанных} many {: # непрочитанных} other {: # непрочитанного}}',
  'notifications.mention': '{name} упоминает вас',
  'notifications.reply': '{name} отвечает в обсуждении',
  'notifications.inDocument': 'в документе «{title}»',
  'notifications.quote': 'К словам «{quote}»',
  'notifications.unread': 'Новое',
  'notifications.markAll': 'Отметить все прочитанными',
  'notifications.open': 'Открыть обсуждение',
  'notifications.empty':
    'Уведомлений нет. Здесь появятся упоминания вас в комментариях (@ и ваше имя) и ответы в обсуждениях, где вы писали.',
  'notifications.hint':
    'Собраны из комментариев всех документов пространства на этом устройстве, поэтому видны и без интернета.'
} as const;
