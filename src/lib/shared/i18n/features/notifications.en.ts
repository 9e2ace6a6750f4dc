import type { ru } from './notifications.ts';

/** English of `notifications.ts`: a separate module, so it loads only for English readers. */
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
