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
