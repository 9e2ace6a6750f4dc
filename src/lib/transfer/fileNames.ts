/** Names of exported files: readable Cyrillic kept, characters file systems refuse replaced. */
export function safeFileBase(title: string, fallback = 'document'): string {
  const base = title
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .replace(/^\.+/, '')
    .trim();
  return base || fallback;
}

/**
 * A document's file in the archive, by title and id: «Дымковская игрушка (mZVK3pKEeHBUttRBRR0ph)».
 * Ids never contain parentheses or spaces, so the id reads back from the name whatever the title.
 */
export function documentFileBase(title: string, id: string): string {
  return `${safeFileBase(title, 'Без названия')} (${id})`;
}

/** The id in a document's file name (`…(id).json`), or the whole name of an older archive. */
export const DOCUMENT_FILE =
  /^documents\/(?:[^/]* )?\(([\w-]+)\)\.json$|^documents\/([\w-]+)\.json$/;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/zip': 'zip',
  'text/plain': 'txt'
};

/**
 * A stored file's path in an export, `files/<hash>.png`: the extension lets a Markdown viewer or
 * a file manager open it; a type without one keeps the bare hash.
 */
export function filePath(hash: string, type: string): string {
  const ext = EXTENSIONS[type.split(';')[0]!.trim().toLowerCase()];
  return ext ? `files/${hash}.${ext}` : `files/${hash}`;
}

/** The hash in a file's path of an archive (`files/<hash>` or `files/<hash>.<ext>`). */
export const FILE_ENTRY = /^files\/([0-9a-f]{64})(?:\.[a-z0-9]{1,5})?$/;
