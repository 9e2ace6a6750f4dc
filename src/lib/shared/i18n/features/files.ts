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

export const en: Record<keyof typeof ru, string> = {
  'files.insert': 'Insert file',
  'files.insertHint': 'Insert an image or a file (you can also drop or paste one)',
  'files.camera': 'Take photo',
  'files.cameraHint': 'Take a photo with the tablet camera and insert it',
  'files.uploading': 'Uploading to the server…',
  'files.waiting': 'Saved on this device; it will be sent when there is a network',
  'files.retry': 'Retry',
  'files.missing': 'The file has not arrived yet: it will when its author is online',
  'files.download': 'Download',
  'files.failed.file_too_large': 'The file is too large for the server',
  'files.failed.workspace_quota_exceeded': 'The workspace has no space left for files',
  'files.failed.type_mismatch': 'The file content does not match its type',
  'files.failed.hash_mismatch': 'The file was damaged on the way',
  'files.failed.read_only': 'You have read-only access',
  'files.failed.other': 'Could not send the file ({code})',
  'files.addFailed': 'Could not add the file “{name}”.'
};
