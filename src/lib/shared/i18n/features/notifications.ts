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

export const en: Record<keyof typeof ru, string> = {
  'notifications.title': 'Notifications',
  'notifications.link': 'Notifications{count, plural, =0 {} one {: # unread} other {: # unread}}',
  'notifications.mention': '{name} mentions you',
  'notifications.reply': '{name} replies in a thread',
  'notifications.inDocument': 'in the document “{title}”',
  'notifications.quote': 'On the words “{quote}”',
  'notifications.unread': 'New',
  'notifications.markAll': 'Mark all as read',
  'notifications.open': 'Open the thread',
  'notifications.empty':
    'No notifications. Mentions of you in comments (@ and your name) and replies in threads you wrote in appear here.',
  'notifications.hint':
    'Gathered from the comments of every document of the workspace on this device, so they show offline too.'
};
