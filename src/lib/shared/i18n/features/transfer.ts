/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'transfer.nav': 'Импорт и архив',
  'transfer.export': 'Экспорт',
  'transfer.export.markdown': 'Markdown (.md)',
  'transfer.export.markdownHint': 'С картинками — архив .zip с папкой files',
  'transfer.export.docx': 'Word (.docx)',
  'transfer.export.html': 'Веб-страница (.html)',
  'transfer.export.pdf': 'PDF через печать',
  'transfer.export.pdfHint': 'В окне печати выберите «Сохранить как PDF».',
  'transfer.export.failed': 'Не удалось выгрузить документ. Попробуйте ещё раз.',

  'transfer.import.title': 'Импорт документа',
  'transfer.import.hint':
    'Файл Markdown (.md) или Word (.docx) размером до 10 МБ станет новым документом пространства.',
  'transfer.import.choose': 'Выбрать файл',
  'transfer.import.working': 'Читаем файл…',
  'transfer.import.unsupported': 'Такой файл не подходит. Выберите файл .md или .docx.',
  'transfer.import.tooLarge': 'Файл больше 10 МБ. Разделите его на несколько частей.',
  'transfer.import.broken':
    'Файл повреждён или это не документ Word или Markdown. Откройте его в редакторе, сохраните заново и попробуйте ещё раз.',
  'transfer.import.empty': 'В файле нет текста.',
  'transfer.import.failed': 'Не удалось импортировать файл. Попробуйте ещё раз.',
  'transfer.import.done': 'Документ «{title}» создан.',
  'transfer.import.skippedImages':
    '{count, plural, one {# рисунок не перенесён} few {# рисунка не перенесены} many {# рисунков не перенесены} other {# рисунка не перенесены}}: вставьте их в документ вручную.',
  'transfer.import.open': 'Открыть документ',
  'transfer.import.viewer': 'Импортировать документы могут владелец и редакторы.',

  'transfer.backup.title': 'Импорт и архив пространства',
  'transfer.backup.archiveTitle': 'Архив пространства',
  'transfer.backup.hint':
    'Все документы одним файлом .zip: тексты в Markdown, чтобы читать в любой программе, и в JSON, чтобы восстановить без потерь. Храните архив как резервную копию.',
  'transfer.backup.export': 'Скачать архив',
  'transfer.backup.exporting': 'Собираем архив: {done} из {total}…',
  'transfer.backup.exported':
    'Архив готов: {count, plural, one {# документ} few {# документа} many {# документов} other {# документа}}.',
  'transfer.backup.exportFailed': 'Не удалось собрать архив. Попробуйте ещё раз.',
  'transfer.backup.restoreTitle': 'Восстановить из архива',
  'transfer.backup.restoreHint':
    'Архив восстанавливается только в пустое пространство, чтобы ничего не перезаписать.',
  'transfer.backup.choose': 'Выбрать архив (.zip)',
  'transfer.backup.notEmpty':
    'В этом пространстве уже есть документы. Создайте новое пустое пространство и восстановите архив в него.',
  'transfer.backup.restoring': 'Восстанавливаем: {done} из {total}…',
  'transfer.backup.restored':
    'Восстановлено: {count, plural, one {# документ} few {# документа} many {# документов} other {# документа}}.',
  'transfer.backup.failedDocs': 'Не удалось восстановить:',
  'transfer.backup.untitled': 'без названия ({id})',
  'transfer.backup.reason.missing': 'файла нет в архиве',
  'transfer.backup.reason.notJson': 'файл повреждён',
  'transfer.backup.reason.invalid': 'неверное описание документа',
  'transfer.backup.reason.invalidContent': 'текст не подходит для редактора',
  'transfer.backup.reason.tooLarge': 'слишком большой',
  'transfer.backup.reason.write': 'ошибка записи',
  'transfer.backup.reason.notEmpty': 'документ уже существует',
  'transfer.backup.notZip': 'Это не архив .zip.',
  'transfer.backup.notArchive': 'Это не архив пространства «Узла», или он повреждён.',
  'transfer.backup.tooLarge': 'Архив больше 200 МБ.',
  'transfer.backup.newerVersion': 'Архив сделан более новой версией «Узла». Обновите приложение.',
  'transfer.backup.failed': 'Не удалось восстановить архив. Попробуйте ещё раз.',
  'transfer.backup.viewer': 'Архивом пространства пользуются владелец и редакторы.'
} as const;

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
