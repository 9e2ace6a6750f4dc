import { z } from 'zod';
import { DOCUMENT_TYPE_IDS } from '../../shared/model/documentTypes.ts';
import { isValidId } from '../../shared/model/ids.ts';
import { TITLE_MAX_LENGTH } from '../../shared/model/schema.ts';
import { archivedThreadsSchema } from './archivedComments.ts';
import { taggedSchema } from './yjson.ts';

/**
 * The workspace archive, version 1:
 *   workspace.json          what the archive holds, and the index records as tagged JSON
 *   documents/<title> (<id>).json   one document: its metadata entry, its ProseMirror JSON
 *                                   (lossless) and its comment threads
 *   documents/<title> (<id>).md     the same document to read in any editor (not read back),
 *                                   with front matter and pictures by relative path
 *   files/<hash>.<ext>              images and attachments the documents name
 * Older archives named documents `<id>.json` and files `<hash>`; both still read.
 */
export const ARCHIVE_FORMAT = 'uzel-workspace';
export const ARCHIVE_VERSION = 1;

/** Bounds that keep a hostile archive from exhausting a tablet's memory. */
export const ARCHIVE_MAX_BYTES = 200 * 1024 * 1024;
export const ARCHIVE_MAX_DOCUMENTS = 20_000;
export const DOCUMENT_JSON_MAX_BYTES = 20 * 1024 * 1024;

export const RECORD_ROOTS = ['institutions', 'agreements', 'projects', 'events'] as const;
export type RecordRoot = (typeof RECORD_ROOTS)[number];

const id = z.string().refine(isValidId, 'not an id');
const time = z.number().finite().nonnegative();

export const documentMetaSchema = z.object({
  id,
  title: z.string().max(TITLE_MAX_LENGTH * 2),
  type: z.enum(DOCUMENT_TYPE_IDS),
  parentId: id.nullable(),
  order: z.string().max(200),
  tags: z.array(z.string().max(200)).max(500),
  fields: z.record(z.string().max(100), z.string().max(100_000)),
  links: z.array(id).max(10_000),
  template: z.boolean(),
  createdAt: time,
  updatedAt: time,
  deletedAt: time.nullable()
});
export type ArchivedMeta = z.infer<typeof documentMetaSchema>;

/** ProseMirror JSON; its fit to the editor's schema is checked separately, node by node. */
const pmNodeSchema = z.object({ type: z.literal('doc') }).passthrough();

export const documentFileSchema = z.object({
  format: z.literal('uzel-document'),
  version: z.literal(ARCHIVE_VERSION),
  meta: documentMetaSchema,
  content: pmNodeSchema,
  /** Absent in archives written before comments travelled. */
  comments: archivedThreadsSchema.optional()
});
export type DocumentFile = z.infer<typeof documentFileSchema>;

export const workspaceFileSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: z.string(),
  workspaceName: z.string().max(500),
  documentCount: z.number().int().nonnegative().max(ARCHIVE_MAX_DOCUMENTS),
  documents: z.array(id).max(ARCHIVE_MAX_DOCUMENTS),
  records: z.object(
    Object.fromEntries(RECORD_ROOTS.map((r) => [r, z.record(z.string(), taggedSchema)])) as Record<
      RecordRoot,
      z.ZodRecord<z.ZodString, typeof taggedSchema>
    >
  ),
  files: z.array(z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), type: z.string().max(200) }))
});
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;
