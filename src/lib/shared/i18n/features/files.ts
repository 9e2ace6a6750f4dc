/** Messages of one feature, Russian first; each feature keeps its own file so they grow apart. */
export const ru = {
  'files.insert': 'Вставить файл',
  'files.insertHint':
    'Вставить изображение или файл (можно также перетащить или вставить из буфера)',
  'files.camera': 'Снять фото',
  'files.cameraHint': 'Сфотографировать камерой планшета и вставить снимок',
  'files.uploading': 'Отправляется на сервер…',
  'files.waiting': 'Сохранено на устройстве, отправится, когда будет сеть',
  'files.retry': 'Повторить',
  'files.missing': 'Файл ещё не загружен: появится, когда автор будет в сети',
  'files.download': 'Скачать',
  'files.failed.file_too_large': 'Файл слишком большой для сервера',
  'files.failed.workspace_quota_exceeded': 'Место для файлов в пространстве закончилось',
  'files.failed.type_mismatch': 'Содержимое файла не совпадает с его типом',
  'files.failed.hash_mismatch': 'Файл повредился при отправке',
  'files.failed.read_only': 'У вас доступ только для чтения',
  'files.failed.other': 'Не удалось отправить файл ({code})',
  'files.addFailed': 'Не удалось добавить файл «{name}».'
} as const;
