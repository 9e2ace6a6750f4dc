import type { ru } from './files.ts';

/** English of `files.ts`: a separate module, so it loads only for English readers. */
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
