import * as Y from 'yjs';
import { sha256Hex } from '../../shared/files/hash.ts';
import { DocumentField, indexRoots, documentRoots } from '../../shared/model/schema.ts';
import { normaliseTitle } from '../../shared/model/WorkspaceIndex.ts';
import { writeContent } from '../writeContent.ts';
import { restoreComments } from './archivedComments.ts';
import type { ArchivedMeta } from './format.ts';
import { RECORD_ROOTS } from './format.ts';
import type { ReadArchive } from './readArchive.ts';
import { decode } from './yjson.ts';

/** How the restore reaches a document's Y.Doc: the app opens it through the sync pool. */
export interface DocumentTarget {
  open(id: string): Promise<{ doc: Y.Doc; close: () => Promise<void> }>;
}

export type RestoreReport = {
  restored: number;
  failed: { id: string; title: string; reason: string }[];
  records: number;
  /** Files of `files/` stored through the sink, and those left out (no sink, or refused). */
  files: { stored: number; skipped: number };
};

export type RestoreProgress = (done: number, total: number) => void;

/**
 * Where the archive's `files/` go: the device's blob store and its upload queue. Each file's
 * SHA-256 is checked against its name before it gets here. Without a sink, files in an archive
 * are counted and not restored.
 */
export interface ArchiveFileSink {
  put(hash: string, type: string, bytes: Uint8Array): Promise<void>;
}

export class NotEmptyError extends Error {
  constructor() {
    super('The workspace is not empty');
  }
}

/** Empty: no document (not even in the bin) and no record, so nothing can be overwritten. */
export function isEmptyWorkspace(indexDoc: Y.Doc): boolean {
  if (indexRoots.documents(indexDoc).size > 0) return false;
  return RECORD_ROOTS.every((root) => indexRoots[root](indexDoc).size === 0);
}

/**
 * Restores an archive into an empty workspace, keeping every id so links between documents and
 * the tree stay as they were. Each document is all-or-nothing: its text is written first and its
 * index entry only after, so a failure leaves no entry pointing at a half-written document.
 */
export async function restoreArchive(
  archive: ReadArchive,
  indexDoc: Y.Doc,
  target: DocumentTarget,
  progress: RestoreProgress = () => {},
  fileSink?: ArchiveFileSink
): Promise<RestoreReport> {
  if (!isEmptyWorkspace(indexDoc)) throw new NotEmptyError();
  const report: RestoreReport = {
    restored: 0,
    failed: [],
    records: 0,
    files: { stored: 0, skipped: 0 }
  };
  // Files first: a restored document's images then find their bytes as soon as it opens.
  for (const { hash, type } of archive.workspace.files) {
    const bytes = archive.files.get(hash);
    try {
      if (!bytes || !fileSink) throw new Error('no file or no store');
      // A file is named by its hash everywhere; bytes under another name would show (and upload)
      // as a different picture than the documents mean, so that entry is refused.
      if ((await sha256Hex(bytes)) !== hash) throw new Error('hash mismatch');
      await fileSink.put(hash, type, bytes);
      report.files.stored++;
    } catch {
      report.files.skipped++;
    }
  }
  const total = archive.documents.length;
  let done = 0;
  for (const item of archive.documents) {
    if (!item.ok) {
      report.failed.push({ id: item.id, title: item.title, reason: item.reason });
    } else {
      try {
        const { doc, close } = await target.open(item.meta.id);
        try {
          if (documentRoots.content(doc).length > 0) throw new Error('notEmpty');
          writeContent(doc, item.content);
          restoreComments(doc, item.comments);
        } finally {
          await close();
        }
        writeIndexEntry(indexDoc, item.meta);
        report.restored++;
      } catch (error) {
        const reason =
          error instanceof Error && error.message === 'notEmpty' ? 'notEmpty' : 'write';
        report.failed.push({ id: item.meta.id, title: item.meta.title, reason });
      }
    }
    progress(++done, total);
  }
  indexDoc.transact(() => {
    for (const root of RECORD_ROOTS) {
      const map = indexRoots[root](indexDoc);
      for (const [id, tagged] of Object.entries(archive.workspace.records[root])) {
        // Every record is a shared map; anything else in an archive is not ours and is skipped.
        const value = decode(tagged);
        if (!(value instanceof Y.Map)) continue;
        map.set(id, value);
        report.records++;
      }
    }
  });
  return report;
}

/**
 * One index entry exactly as it was, id included. WorkspaceIndex creates entries with new ids
 * only, which would break the tree and the links a restore must keep; the keys and nested shapes
 * (tags and links as maps of `true`, fields as a map) are those `WorkspaceIndex` reads.
 */
export function writeIndexEntry(indexDoc: Y.Doc, meta: ArchivedMeta): void {
  indexDoc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set(DocumentField.title, normaliseTitle(meta.title));
    entry.set(DocumentField.createdAt, meta.createdAt);
    entry.set(DocumentField.updatedAt, meta.updatedAt);
    entry.set(DocumentField.deletedAt, meta.deletedAt);
    entry.set(DocumentField.type, meta.type);
    entry.set(DocumentField.parentId, meta.parentId);
    entry.set(DocumentField.order, meta.order);
    entry.set(DocumentField.tags, setOf(meta.tags));
    entry.set(DocumentField.links, setOf(meta.links));
    const fields = new Y.Map<string>();
    for (const [k, v] of Object.entries(meta.fields)) fields.set(k, v);
    entry.set(DocumentField.fields, fields);
    if (meta.template) entry.set(DocumentField.template, true);
    indexRoots.documents(indexDoc).set(meta.id, entry);
  });
}

function setOf(keys: string[]): Y.Map<boolean> {
  const map = new Y.Map<boolean>();
  for (const key of keys) map.set(key, true);
  return map;
}
