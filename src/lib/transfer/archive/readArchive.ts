import { strFromU8, unzipSync } from 'fflate';
import { checkContent } from '../htmlToContent.ts';
import { DOCUMENT_FILE, FILE_ENTRY } from '../fileNames.ts';
import type { PmNode } from '../../shared/richText/pmNode.ts';
import type { ArchivedThread } from './archivedComments.ts';
import {
  ARCHIVE_MAX_BYTES,
  DOCUMENT_JSON_MAX_BYTES,
  documentFileSchema,
  workspaceFileSchema,
  type ArchivedMeta,
  type WorkspaceFile
} from './format.ts';

export type ArchiveProblem = 'notZip' | 'tooLarge' | 'notArchive' | 'newerVersion';

export class ArchiveError extends Error {
  constructor(
    readonly problem: ArchiveProblem,
    cause?: unknown
  ) {
    super(problem, { cause });
  }
}

export type ReadDocument =
  | { ok: true; meta: ArchivedMeta; content: PmNode; comments: ArchivedThread[] }
  | { ok: false; id: string; title: string; reason: string };

export type ReadArchive = {
  workspace: WorkspaceFile;
  documents: ReadDocument[];
  files: Map<string, Uint8Array>;
};

/**
 * Opens and checks an archive. The archive as a whole is refused when it is not one of ours;
 * a single broken document is reported and left out, the others still come in.
 */
export function readArchive(bytes: Uint8Array): ReadArchive {
  if (bytes.byteLength > ARCHIVE_MAX_BYTES) throw new ArchiveError('tooLarge');
  let entries: Record<string, Uint8Array>;
  let declared = 0;
  try {
    entries = unzipSync(bytes, {
      // Sizes are checked before inflating, so a zip bomb is refused rather than unpacked.
      filter: (file) => {
        declared += file.originalSize;
        if (declared > ARCHIVE_MAX_BYTES) throw new ArchiveError('tooLarge');
        return (
          file.name === 'workspace.json' ||
          DOCUMENT_FILE.test(file.name) ||
          FILE_ENTRY.test(file.name)
        );
      }
    });
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError('notZip', error);
  }
  const head = entries['workspace.json'];
  if (!head) throw new ArchiveError('notArchive');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(head));
  } catch (error) {
    throw new ArchiveError('notArchive', error);
  }
  if (typeof raw === 'object' && raw && 'version' in raw && Number(raw.version) > 1)
    throw new ArchiveError('newerVersion');
  const parsed = workspaceFileSchema.safeParse(raw);
  if (!parsed.success) throw new ArchiveError('notArchive', parsed.error);
  const workspace = parsed.data;
  // Entries by id and by hash, whatever title or extension their names carry.
  const documentEntries = new Map<string, Uint8Array>();
  const fileEntries = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(entries)) {
    const doc = DOCUMENT_FILE.exec(name);
    if (doc) documentEntries.set((doc[1] ?? doc[2])!, entry);
    const file = FILE_ENTRY.exec(name);
    if (file) fileEntries.set(file[1]!, entry);
  }
  const documents = workspace.documents.map((id) => readDocument(id, documentEntries.get(id)));
  const files = new Map<string, Uint8Array>();
  for (const { hash } of workspace.files) {
    const file = fileEntries.get(hash);
    if (file) files.set(hash, file);
  }
  return { workspace, documents, files };
}

function readDocument(id: string, bytes: Uint8Array | undefined): ReadDocument {
  const fail = (reason: string, title = '') => ({ ok: false as const, id, title, reason });
  if (!bytes) return fail('missing');
  if (bytes.byteLength > DOCUMENT_JSON_MAX_BYTES) return fail('tooLarge');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(bytes));
  } catch {
    return fail('notJson');
  }
  const parsed = documentFileSchema.safeParse(raw);
  if (!parsed.success) return fail('invalid');
  const { meta, content, comments = [] } = parsed.data;
  if (meta.id !== id) return fail('invalid', meta.title);
  try {
    return { ok: true, meta, content: checkContent(content as PmNode), comments };
  } catch {
    return fail('invalidContent', meta.title);
  }
}
