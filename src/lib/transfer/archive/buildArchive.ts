import { strToU8, zipSync, type Zippable } from 'fflate';
import * as Y from 'yjs';
import { indexRoots } from '../../shared/model/schema.ts';
import type { DocumentMeta } from '../../shared/model/WorkspaceIndex.ts';
import { documentFileBase, filePath } from '../fileNames.ts';
import { toMarkdown } from '../markdownExport.ts';
import type { PmNode } from '../../shared/richText/pmNode.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  RECORD_ROOTS,
  type DocumentFile,
  type WorkspaceFile
} from './format.ts';
import type { ArchivedThread } from './archivedComments.ts';
import { encode, type Tagged } from './yjson.ts';

export type ArchivedDocument = { meta: DocumentMeta; content: PmNode; comments?: ArchivedThread[] };

/**
 * The blobs a workspace's documents refer to (images, attachments), once documents hold them.
 * The archive asks it for every file and stores each under `files/<hash>`.
 */
export interface ArchiveFileSource {
  list(): Promise<{ hash: string; type: string; bytes: Uint8Array }[]>;
}

export type BuildInput = {
  workspaceName: string;
  indexDoc: Y.Doc;
  documents: ArchivedDocument[];
  files?: ArchiveFileSource;
  now?: Date;
};

export function recordsOf(indexDoc: Y.Doc): WorkspaceFile['records'] {
  const out = {} as WorkspaceFile['records'];
  for (const root of RECORD_ROOTS) {
    const records: Record<string, Tagged> = {};
    indexRoots[root](indexDoc).forEach((value, key) => (records[key] = encode(value)));
    out[root] = records;
  }
  return out;
}

const json = (value: unknown) => strToU8(JSON.stringify(value, null, 1));

/**
 * A zip of the whole workspace: readable Markdown next to lossless JSON, each file named by the
 * document's title and id, and the files the documents show under `files/`, which the Markdown
 * points at by relative path.
 */
export async function buildArchive(input: BuildInput): Promise<Uint8Array> {
  const bases = new Map(
    input.documents.map((d) => [d.meta.id, documentFileBase(d.meta.title, d.meta.id)])
  );
  const titles = new Map(input.documents.map((d) => [d.meta.id, d.meta.title]));
  const files = (await input.files?.list()) ?? [];
  const paths = new Map(files.map((f) => [f.hash, filePath(f.hash, f.type)]));
  const zip: Zippable = {};
  for (const { meta, content, comments = [] } of input.documents) {
    const file: DocumentFile = {
      format: 'uzel-document',
      version: ARCHIVE_VERSION,
      meta: {
        id: meta.id,
        title: meta.title,
        type: meta.type,
        parentId: meta.parentId,
        order: meta.order,
        tags: meta.tags,
        fields: meta.fields,
        links: meta.links,
        template: meta.template,
        createdAt: meta.createdAt,
        updatedAt: meta.updatedAt,
        deletedAt: meta.deletedAt
      },
      content: content as DocumentFile['content'],
      comments
    };
    const base = bases.get(meta.id)!;
    zip[`documents/${base}.json`] = json(file);
    zip[`documents/${base}.md`] = strToU8(
      toMarkdown(content, {
        title: meta.title || 'Без названия',
        meta,
        docLink: (id) =>
          bases.has(id)
            ? { title: titles.get(id) || 'Без названия', href: `${bases.get(id)}.md` }
            : null,
        imageHref: (hash) => (paths.has(hash) ? `../${paths.get(hash)}` : null)
      })
    );
  }
  const workspace: WorkspaceFile = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: (input.now ?? new Date()).toISOString(),
    workspaceName: input.workspaceName,
    documentCount: input.documents.length,
    documents: input.documents.map((d) => d.meta.id),
    records: recordsOf(input.indexDoc),
    files: files.map(({ hash, type }) => ({ hash, type }))
  };
  zip['workspace.json'] = json(workspace);
  for (const file of files) zip[paths.get(file.hash)!] = file.bytes;
  // Text compresses well and the archive is built once; level 6 is fast enough on a tablet.
  return zipSync(zip, { level: 6 });
}
