import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import { fieldsOf } from '../../src/lib/shared/model/documentTypes.ts';
import { documentRoots } from '../../src/lib/shared/model/schema.ts';
import { WorkspaceIndex, type DocumentMeta } from '../../src/lib/shared/model/WorkspaceIndex.ts';
import { fragmentToJson } from '../../src/lib/shared/richText/fragmentJson.ts';
import { docLinkIds, plainText } from './render/contentHtml.ts';
import type { PinnedVersion, PmNode } from './types.ts';

/** Enough for the catalogue's search of a long methodology; the page itself has the whole text. */
const SEARCH_TEXT_MAX = 50_000;
const SUMMARY_MAX = 240;

export type Extracted =
  { ok: true; pinned: PinnedVersion; hash: string } | { ok: false; reason: 'missing' | 'in_bin' };

/**
 * Copies what a reader may see out of the server's state of a document: its content fragment
 * (never any other root of the doc, such as comments) and, from the index, the title, the type and
 * the fields that type declares (anything else a peer wrote into the entry stays private).
 */
export function extractPinned(indexDoc: Y.Doc, doc: Y.Doc, docId: string): Extracted {
  const meta = new WorkspaceIndex(indexDoc).get(docId);
  if (!meta) return { ok: false, reason: 'missing' };
  if (meta.deletedAt !== null) return { ok: false, reason: 'in_bin' };
  const content = fragmentToJson(documentRoots.content(doc));
  const text = plainText(content);
  const pinned: PinnedVersion = {
    title: meta.title,
    type: meta.type,
    fields: publicFields(meta),
    content,
    summary: summaryOf(meta, text),
    text: text.slice(0, SEARCH_TEXT_MAX),
    tags: [...meta.tags].sort((a, b) => a.localeCompare(b, 'ru')),
    linkTitles: linkTitles(indexDoc, content)
  };
  return { ok: true, pinned, hash: hashOf(pinned) };
}

/** Titles of the linked documents still in the workspace (not in the bin), by id. */
function linkTitles(indexDoc: Y.Doc, content: PmNode): Record<string, string> {
  const index = new WorkspaceIndex(indexDoc);
  const out: Record<string, string> = {};
  for (const id of docLinkIds(content)) {
    const target = index.get(id);
    if (target && target.deletedAt === null && target.title.trim()) out[id] = target.title.trim();
  }
  return out;
}

function publicFields(meta: DocumentMeta): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fieldsOf(meta.type)) {
    const value = meta.fields[field.id]?.trim();
    if (value) out[field.id] = value;
  }
  return out;
}

function summaryOf(meta: DocumentMeta, text: string): string {
  const source = (meta.fields.goals?.trim() || text).replace(/\s+/g, ' ').trim();
  if (source.length <= SUMMARY_MAX) return source;
  const cut = source.slice(0, SUMMARY_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUMMARY_MAX / 2 ? cut.slice(0, space) : cut).replace(/[,.;:—-]+$/, '')}…`;
}

/** Tells whether the document changed since it was pinned ("есть неопубликованные изменения"). */
export function hashOf(pinned: PinnedVersion): string {
  const { title, type, fields, content, tags = [] } = pinned;
  // Tags join the hash only when there are some, so a pin made before they were shown still
  // matches its unchanged document.
  return createHash('sha256')
    .update(JSON.stringify({ title, type, fields, content, ...(tags.length > 0 ? { tags } : {}) }))
    .digest('base64url');
}
