/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'history.open': 'История версий',
  'history.title': 'История версий',
  'history.close': 'Закрыть',
  'history.loading': 'Загружаем историю…',
  'history.empty':
    'Версий пока нет. Они сохраняются сами, когда вы делаете паузу в работе, а важный момент можно сохранить кнопкой «Сохранить версию».',
  'history.saveLabel': 'Название версии',
  'history.savePlaceholder': 'Например: перед занятием 25 ноября',
  'history.save': 'Сохранить версию',
  'history.saving': 'Сохраняем…',
  'history.saved': 'Версия «{name}» сохранена.',
  'history.notStored':
    'Не все изменения дошли до сервера. Версию можно сохранить, когда связь восстановится.',
  'history.viewerHint':
    'У вас доступ только для чтения: историю можно смотреть, но не восстанавливать.',
  'history.when.today': 'сегодня в {time}',
  'history.when.yesterday': 'вчера в {time}',
  'history.when.date': '{date} в {time}',
  'history.auto': 'Автоматически',
  'history.savedBy': 'сохранил(а) {name}',
  'history.authors': 'Изменения: {names}',
  'history.noAuthors': 'Авторы изменений не записаны',
  'history.back': '← Все версии',
  'history.tabChanges': 'Что изменилось',
  'history.tabVersion': 'Версия целиком',
  'history.legendAdded': 'добавлено после этой версии',
  'history.legendRemoved': 'было в этой версии, потом удалено',
  'history.addedMark': 'добавлено:',
  'history.removedMark': 'удалено:',
  'history.noChanges': 'Текст этой версии совпадает с текущим.',
  'history.restore': 'Восстановить эту версию',
  'history.restoreConfirm':
    'Текст документа станет таким, как в этой версии. Это обычная правка: её можно отменить (Ctrl+Z), а правки коллег в других местах сохранятся. Восстановить?',
  'history.restored': 'Версия восстановлена. Отменить: Ctrl+Z.',
  'history.versionLabel': 'Текст версии (только чтение)',
  'history.loadFailed': 'Не удалось загрузить версию.'
} as const;

export const en: Record<keyof typeof ru, string> = {
  'history.open': 'Version history',
  'history.title': 'Version history',
  'history.close': 'Close',
  'history.loading': 'Loading the history…',
  'history.empty':
    'No versions yet. They are kept automatically when you pause editing; save an important moment with “Save version”.',
  'history.saveLabel': 'Version name',
  'history.savePlaceholder': 'For example: before the lesson on 25 November',
  'history.save': 'Save version',
  'history.saving': 'Saving…',
  'history.saved': 'Version “{name}” saved.',
  'history.notStored':
    'Some changes have not reached the server yet. You can save a version once the connection is back.',
  'history.viewerHint': 'You have read-only access: you can view the history but not restore it.',
  'history.when.today': 'today at {time}',
  'history.when.yesterday': 'yesterday at {time}',
  'history.when.date': '{date} at {time}',
  'history.auto': 'Automatic',
  'history.savedBy': 'saved by {name}',
  'history.authors': 'Changes by: {names}',
  'history.noAuthors': 'No authors recorded',
  'history.back': '← All versions',
  'history.tabChanges': 'What changed',
  'history.tabVersion': 'Whole version',
  'history.legendAdded': 'added after this version',
  'history.legendRemoved': 'in this version, removed later',
  'history.addedMark': 'added:',
  'history.removedMark': 'removed:',
  'history.noChanges': 'This version’s text is the same as the current one.',
  'history.restore': 'Restore this version',
  'history.restoreConfirm':
    'The document’s text will become this version’s. It is an ordinary edit: you can undo it (Ctrl+Z), and colleagues’ edits elsewhere stay. Restore?',
  'history.restored': 'Version restored. Undo: Ctrl+Z.',
  'history.versionLabel': 'Version text (read only)',
  'history.loadFailed': 'Could not load the version.'
};
