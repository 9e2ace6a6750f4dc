import * as Y from 'yjs';
import { fieldsOf, type DocumentType } from '../shared/model/documentTypes.ts';
import { writeBlocks } from '../shared/model/richText.ts';
import { documentRoots } from '../shared/model/schema.ts';
import { builtInTemplate } from '../shared/model/templates/index.ts';
import type { CreateOptions } from '../shared/model/WorkspaceIndex.ts';
import type { SyncedDoc } from '../sync/SyncedDoc.ts';
import { acquireDoc } from '../sync/docPool.ts';
import type { Workspace } from './workspace.svelte.ts';

/** Where a new document's first content comes from. */
export type ContentSource =
  { kind: 'blank' } | { kind: 'builtIn'; id: string } | { kind: 'workspace'; id: string };

/** The person creating a document, from their profile: the author and institution fields. */
export type Creator = { name: string; institution: string };

/**
 * «Автор» and «Учреждение» of a new document of a type that has them, from the creator's profile;
 * a template's own values win (a methodologist's template may name the centre on purpose).
 */
export function creatorFields(
  type: DocumentType,
  creator: Creator | null,
  fromTemplate: Record<string, string> = {}
): Record<string, string> {
  const out = { ...fromTemplate };
  if (!creator) return out;
  for (const field of fieldsOf(type)) {
    if (out[field.id]) continue;
    if (field.kind === 'person' && field.id === 'author' && creator.name.trim()) {
      out[field.id] = creator.name.trim();
    } else if (field.kind === 'institution' && creator.institution.trim()) {
      out[field.id] = creator.institution.trim();
    }
  }
  return out;
}

/** How long to wait for a template not yet on this device before copying what there is. */
const TEMPLATE_SYNC_WAIT_MS = 5000;

/**
 * Creates a document and writes its first content: a built-in template's headings, or a copy of
 * a workspace template's text. Works offline (a workspace template then needs to be on the device).
 */
export async function createDocument(
  workspace: Workspace,
  title: string,
  type: DocumentType,
  parentId: string | null,
  source: ContentSource,
  creator: Creator | null = null
): Promise<string> {
  const options: CreateOptions = { type, parentId };
  if (source.kind === 'workspace') {
    const template = workspace.index.get(source.id);
    if (template?.template) {
      options.type = template.type;
      options.fields = template.fields;
      options.tags = template.tags;
    }
  }
  options.fields = creatorFields(options.type ?? type, creator, options.fields);
  const id = workspace.index.create(title, options);
  if (source.kind === 'builtIn') {
    const template = builtInTemplate(source.id);
    if (template)
      await intoDoc(workspace, id, (doc) =>
        writeBlocks(documentRoots.content(doc), template.blocks)
      );
  } else if (source.kind === 'workspace') {
    const lease = acquireDoc(workspace.room(source.id));
    try {
      await whenCurrent(lease.doc);
      const state = Y.encodeStateAsUpdate(lease.doc.doc);
      await intoDoc(workspace, id, (doc) => Y.applyUpdate(doc, state));
    } finally {
      lease.release();
    }
  }
  return id;
}

/** Saves a document as a new template of the workspace: its type, fields, tags and text. */
export async function saveAsTemplate(
  workspace: Workspace,
  sourceId: string,
  source: Y.Doc
): Promise<string> {
  const meta = workspace.index.get(sourceId);
  if (!meta) throw new Error(`No document ${sourceId} in the index`);
  const id = workspace.index.create(meta.title, {
    type: meta.type === 'collection' ? 'note' : meta.type,
    fields: meta.type === 'collection' ? {} : meta.fields,
    tags: meta.tags,
    template: true
  });
  const state = Y.encodeStateAsUpdate(source);
  await intoDoc(workspace, id, (doc) => Y.applyUpdate(doc, state));
  return id;
}

/** Writes into a document's Y.Doc once its copy on this device is read, so nothing is doubled. */
async function intoDoc(workspace: Workspace, id: string, write: (doc: Y.Doc) => void) {
  const lease = acquireDoc(workspace.room(id));
  try {
    await lease.doc.whenLoaded;
    lease.doc.doc.transact(() => write(lease.doc.doc));
  } finally {
    lease.release();
  }
}

/** The doc as read from this device, and from the server too when it answers in time. */
async function whenCurrent(synced: SyncedDoc): Promise<void> {
  await synced.whenLoaded;
  if (synced.state.synced || synced.state.connection === 'offline') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, TEMPLATE_SYNC_WAIT_MS);
    const stop = synced.subscribe(() => {
      if (synced.state.synced || synced.state.connection === 'offline') done();
    });
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}
