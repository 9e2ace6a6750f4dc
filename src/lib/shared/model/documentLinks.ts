import * as Y from 'yjs';
import { isValidId } from './ids.ts';
import { DocumentField, indexRoots } from './schema.ts';
import type { DocumentMeta, WorkspaceIndex } from './WorkspaceIndex.ts';

/**
 * Links between documents. A link lives in the document's text as an inline `docLink` node
 * carrying only the target's id; the index keeps, per document, the set of ids it links to
 * (`DocumentField.links`), so backlinks are answered from the index alone, offline, without
 * opening every document.
 */

/** The node's name and its one attribute, as Tiptap stores them in the Y.XmlFragment. */
export const DOC_LINK_NODE = 'docLink';
export const DOC_LINK_ID_ATTR = 'docId';

/**
 * A document linking to more documents than this is unusual; the index records the first ones
 * only, so one pasted list of thousands of links cannot bloat the index every peer downloads.
 */
export const MAX_RECORDED_LINKS = 500;

/** The valid target ids of every docLink in a document's text (anything else is ignored). */
export function extractLinkIds(content: Y.XmlFragment): Set<string> {
  const ids = new Set<string>();
  const walker = content.createTreeWalker(
    (item) => item instanceof Y.XmlElement && item.nodeName === DOC_LINK_NODE
  );
  for (const element of walker) {
    if (ids.size >= MAX_RECORDED_LINKS) break;
    const id = (element as Y.XmlElement).getAttribute(DOC_LINK_ID_ATTR);
    if (typeof id === 'string' && isValidId(id)) ids.add(id);
  }
  return ids;
}

/**
 * Makes the index entry's `links` set equal to `ids` by adding and removing only what differs.
 * Writing the difference (not a fresh map) lets two people who each add a link at the same time
 * both keep theirs. Returns whether anything was written; an unknown document is left alone.
 */
export function writeOutgoingLinks(indexDoc: Y.Doc, docId: string, ids: Set<string>): boolean {
  const entry = indexRoots.documents(indexDoc).get(docId);
  if (!(entry instanceof Y.Map)) return false;
  const current = entry.get(DocumentField.links);
  const existing = current instanceof Y.Map ? (current as Y.Map<unknown>) : null;
  const toRemove = existing ? [...existing.keys()].filter((id) => !ids.has(id)) : [];
  const toAdd = [...ids].filter((id) => existing?.get(id) !== true);
  if (toRemove.length === 0 && toAdd.length === 0) return false;
  indexDoc.transact(() => {
    let links = existing;
    if (!links) {
      // Two peers creating the map at once keep only one of them; the other's links return with
      // its next edit, since every write compares against what the index holds by then.
      links = new Y.Map<unknown>();
      entry.set(DocumentField.links, links);
    }
    for (const id of toRemove) links.delete(id);
    for (const id of toAdd) links.set(id, true);
  });
  return true;
}

/** Ids of the documents (the bin included) whose text links to `targetId`, itself excluded. */
export function backlinkIds(indexDoc: Y.Doc, targetId: string): string[] {
  const out: string[] = [];
  indexRoots.documents(indexDoc).forEach((entry, id) => {
    if (id === targetId || !(entry instanceof Y.Map)) return;
    const links = entry.get(DocumentField.links);
    if (links instanceof Y.Map && links.get(targetId) === true) out.push(id);
  });
  return out;
}

/** Lower case with ё read as е, so «Ёлка» is found by «елк». */
export function foldForMatch(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

export type LinkCandidateOptions = { exclude?: string; limit?: number };

/**
 * The documents the picker offers for a query: not in the bin, titles containing the query
 * (case-insensitive, ё = е); titles where a word starts with it come first, then the most
 * recently changed.
 */
export function linkCandidates(
  documents: DocumentMeta[],
  query: string,
  { exclude, limit = 8 }: LinkCandidateOptions = {}
): DocumentMeta[] {
  const q = foldForMatch(query.trim());
  const scored: { doc: DocumentMeta; rank: number }[] = [];
  for (const doc of documents) {
    if (doc.deletedAt !== null || doc.id === exclude) continue;
    const title = foldForMatch(doc.title);
    const at = q === '' ? 0 : title.indexOf(q);
    if (at < 0) continue;
    const atWordStart = at === 0 || /[\s«"(\-—–]/.test(title.charAt(at - 1));
    scored.push({ doc, rank: atWordStart ? 0 : 1 });
  }
  scored.sort((a, b) => a.rank - b.rank || b.doc.updatedAt - a.doc.updatedAt);
  return scored.slice(0, limit).map((s) => s.doc);
}

/** The documents not in the bin that link to `targetId`, for the backlinks list. */
export function backlinks(index: WorkspaceIndex, targetId: string): DocumentMeta[] {
  const out: DocumentMeta[] = [];
  for (const id of backlinkIds(index.doc, targetId)) {
    const meta = index.get(id);
    if (meta && meta.deletedAt === null) out.push(meta);
  }
  return out;
}
