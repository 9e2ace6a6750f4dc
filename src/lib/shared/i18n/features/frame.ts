/** The app's frame: the bar, its menu, the sync indicator, installing, the editor's undo. */
export const ru = {
  'frame.menu': 'Меню',
  'frame.menuTitle': 'Разделы',
  'frame.close': 'Закрыть меню',
  'frame.sections': 'Разделы сети',
  'frame.account': 'Учётная запись',
  'frame.syncDetails': 'Состояние сохранения: {status}',
  'frame.searchOpen': 'Открыть поиск',
  'frame.searchClose': 'Закрыть поиск',
  'frame.install': 'Установить приложение',
  'frame.installHint':
    'На iPad: «Поделиться» → «На экран «Домой»». Так Safari дольше хранит документы на устройстве.',
  'frame.installHintTitle': 'На экран «Домой»',
  'frame.installDismiss': 'Не сейчас',
  'toolbar.undo': 'Отменить',
  'toolbar.redo': 'Повторить',
  'toolbar.groupText': 'Стиль текста',
  'toolbar.groupLists': 'Списки',
  'toolbar.groupInsert': 'Вставка',
  'toolbar.groupHistory': 'Отмена и повтор',
  'toolbar.more': 'Ещё',
  'delete.folderTitle': 'Удалить папку с документами?',
  'delete.folderQuestion':
    'Папка «{title}» уйдёт в корзину вместе с {count, plural, one {# документом} few {# документами} many {# документами} other {# документа}} внутри. Из корзины её можно вернуть.',
  'delete.confirm': 'В корзину',
  'delete.deletedWith':
    'Папка «{title}» и {count, plural, one {# документ} few {# документа} many {# документов} other {# документа}} в ней перемещены в корзину'
};
