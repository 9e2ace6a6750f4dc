import type { ru } from './presence.ts';

/** English of `presence.ts`: a separate module, so it loads only for English readers. */
export const en: Record<keyof typeof ru, string> = {
  'presence.label': 'In the document now: {count, plural, one {# colleague} other {# colleagues}}',
  'presence.more': 'and {count} more'
};
