/** Who is in the document now (the avatars in a document's header). */
export const ru = {
  'presence.label':
    'Сейчас в документе: {count, plural, one {# коллега} few {# коллеги} many {# коллег} other {# коллеги}}',
  'presence.more': 'и ещё {count}'
} as const;
