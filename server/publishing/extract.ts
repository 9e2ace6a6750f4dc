import { createHash } from 'node:crypto';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { fieldsOf } from '../../src/lib/model/documentTypes.ts';
import { documentRoots } from '../../src/lib/model/schema.ts';
import { WorkspaceIndex, type DocumentMeta } from '../../src/lib/model/WorkspaceIndex.ts';
import { plainText } from './render/contentHtml.ts';
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
  const content = yXmlFragmentToProsemirrorJSON(documentRoots.content(doc)) as PmNode;
  const text = plainText(content);
  const pinned: PinnedVersion = {
    title: meta.title,
    type: meta.type,
    fields: publicFields(meta),
    content,
    summary: summaryOf(meta, text),
    text: text.slice(0, SEARCH_TEXT_MAX)
  };
  return { ok: true, pinned, hash: hashOf(pinned) };
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
  const { title, type, fields, content } = pinned;
  return createHash('sha256')
    .update(JSON.stringify({ title, type, fields, content }))
    .digest('base64url');
}
