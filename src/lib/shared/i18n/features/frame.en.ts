import type { ru } from './frame.ts';

/** English of `frame.ts`: a separate module, so it loads only for English readers. */
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
