import type { ru } from './transfer.ts';

/** English of `transfer.ts`: a separate module, so it loads only for English readers. */
export const en: Record<keyof typeof ru, string> = {
  'transfer.nav': 'Import & backup',
  'transfer.export': 'Export',
  'transfer.export.markdown': 'Markdown (.md)',
  'transfer.export.markdownHint': 'With pictures: a .zip with a files folder',
  'transfer.export.docx': 'Word (.docx)',
  'transfer.export.html': 'Web page (.html)',
  'transfer.export.pdf': 'PDF by printing',
  'transfer.export.pdfHint': 'In the print dialog choose “Save as PDF”.',
  'transfer.export.failed': 'Could not export the document. Please try again.',

  'transfer.import.title': 'Import a document',
  'transfer.import.hint':
    'A Markdown (.md) or Word (.docx) file up to 10 MB becomes a new document of the workspace.',
  'transfer.import.choose': 'Choose a file',
  'transfer.import.working': 'Reading the file…',
  'transfer.import.unsupported': 'This kind of file is not supported. Choose a .md or .docx file.',
  'transfer.import.tooLarge': 'The file is larger than 10 MB. Split it into parts.',
  'transfer.import.broken':
    'The file is damaged or is not a Word or Markdown document. Open it in an editor, save it again and retry.',
  'transfer.import.empty': 'The file has no text.',
  'transfer.import.failed': 'Could not import the file. Please try again.',
  'transfer.import.done': 'Document “{title}” created.',
  'transfer.import.skippedImages':
    '{count, plural, one {# picture was} other {# pictures were}} left out: insert them into the document by hand.',
  'transfer.import.open': 'Open the document',
  'transfer.import.viewer': 'Owners and editors can import documents.',

  'transfer.backup.title': 'Import and workspace backup',
  'transfer.backup.archiveTitle': 'Workspace archive',
  'transfer.backup.hint':
    'All documents in one .zip file: Markdown to read in any program and JSON to restore without loss. Keep the archive as a backup.',
  'transfer.backup.export': 'Download the archive',
  'transfer.backup.exporting': 'Building the archive: {done} of {total}…',
  'transfer.backup.exported':
    'The archive is ready: {count, plural, one {# document} other {# documents}}.',
  'transfer.backup.exportFailed': 'Could not build the archive. Please try again.',
  'transfer.backup.restoreTitle': 'Restore from an archive',
  'transfer.backup.restoreHint':
    'An archive is restored only into an empty workspace, so nothing is overwritten.',
  'transfer.backup.choose': 'Choose an archive (.zip)',
  'transfer.backup.notEmpty':
    'This workspace already has documents. Create a new empty workspace and restore the archive there.',
  'transfer.backup.restoring': 'Restoring: {done} of {total}…',
  'transfer.backup.restored': 'Restored: {count, plural, one {# document} other {# documents}}.',
  'transfer.backup.failedDocs': 'Could not restore:',
  'transfer.backup.untitled': 'untitled ({id})',
  'transfer.backup.reason.missing': 'the file is missing from the archive',
  'transfer.backup.reason.notJson': 'the file is damaged',
  'transfer.backup.reason.invalid': 'invalid document description',
  'transfer.backup.reason.invalidContent': 'the text does not fit the editor',
  'transfer.backup.reason.tooLarge': 'too large',
  'transfer.backup.reason.write': 'write error',
  'transfer.backup.reason.notEmpty': 'the document already exists',
  'transfer.backup.notZip': 'This is not a .zip archive.',
  'transfer.backup.notArchive': 'This is not an Uzel workspace archive, or it is damaged.',
  'transfer.backup.tooLarge': 'The archive is larger than 200 MB.',
  'transfer.backup.newerVersion': 'The archive was made by a newer Uzel. Update the app.',
  'transfer.backup.failed': 'Could not restore the archive. Please try again.',
  'transfer.backup.viewer': 'Owners and editors use the workspace archive.'
};
