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

export const en: Record<keyof typeof ru, string> = {
  'frame.menu': 'Menu',
  'frame.menuTitle': 'Sections',
  'frame.close': 'Close the menu',
  'frame.sections': 'Network sections',
  'frame.account': 'Account',
  'frame.syncDetails': 'Saving status: {status}',
  'frame.searchOpen': 'Open search',
  'frame.searchClose': 'Close search',
  'frame.install': 'Install the app',
  'frame.installHint':
    'On an iPad: Share → Add to Home Screen. Safari then keeps the documents on the device longer.',
  'frame.installHintTitle': 'Add to Home Screen',
  'frame.installDismiss': 'Not now',
  'toolbar.undo': 'Undo',
  'toolbar.redo': 'Redo',
  'toolbar.groupText': 'Text style',
  'toolbar.groupLists': 'Lists',
  'toolbar.groupInsert': 'Insert',
  'toolbar.groupHistory': 'Undo and redo',
  'toolbar.more': 'More',
  'delete.folderTitle': 'Delete a folder with documents?',
  'delete.folderQuestion':
    'The folder “{title}” goes to the bin with {count, plural, one {# document} other {# documents}} inside. You can bring it back from the bin.',
  'delete.confirm': 'Move to the bin',
  'delete.deletedWith':
    '“{title}” and {count, plural, one {# document} other {# documents}} in it moved to the bin'
};
