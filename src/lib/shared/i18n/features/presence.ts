/** Who is in the document now (the avatars in a document's header). */
export const ru = {
  'presence.label':
    'Сейчас в документе: {count, plural, one {# коллега} few {# коллеги} many {# коллег} other {# коллеги}}',
  'presence.more': 'и ещё {count}'
} as const;

export const en: Record<keyof typeof ru, string> = {
  'presence.label': 'In the document now: {count, plural, one {# colleague} other {# colleagues}}',
  'presence.more': 'and {count} more'
};
