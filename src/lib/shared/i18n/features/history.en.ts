import type { ru } from './history.ts';

/** English of `history.ts`: a separate module, so it loads only for English readers. */
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
    'The document’s text will become this version’s. It is an ordinary edit: you can undo it with “Undo” (or Ctrl+Z), and colleagues’ edits elsewhere stay. Restore?',
  'history.restored': 'Version restored.',
  'history.undoRestore': 'Undo',
  'history.restoreUndone': 'The restore was undone.',
  'history.versionLabel': 'Version text (read only)',
  'history.loadFailed': 'Could not load the version.',
  'history.restyled': 'formatting changed',
  'history.image': 'Picture: {alt}',
  'history.noDescription': 'no description',
  'history.file': 'File: {name}',
  'history.otherDocument': 'another document'
};
