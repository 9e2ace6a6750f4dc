import { generateJSON, getSchema } from '@tiptap/core';
import { Node as PmModelNode } from '@tiptap/pm/model';
import { contentExtensions } from '../editor/createEditor.ts';
import { textOf, typeOf, childrenOf, type PmNode } from '../shared/richText/pmNode.ts';
import { sanitizeImportedHtml } from './sanitizeHtml.ts';

let schema: ReturnType<typeof getSchema> | null = null;

/** The editor's schema, built once: imported and restored content must fit it exactly. */
export function editorSchema() {
  schema ??= getSchema(contentExtensions());
  return schema;
}

/** Checks content against the editor's schema; throws when it does not fit. */
export function checkContent(json: PmNode): PmNode {
  const node = PmModelNode.fromJSON(editorSchema(), json);
  node.check();
  return node.toJSON() as PmNode;
}

/**
 * Sanitised HTML → the editor's ProseMirror JSON, checked against its schema. Pictures become
 * image nodes only for the hashes in `imageHashes` (those the import itself stored).
 */
export function htmlToContent(html: string, imageHashes: ReadonlySet<string> = new Set()): PmNode {
  const clean = sanitizeImportedHtml(html, imageHashes);
  return checkContent(generateJSON(clean, contentExtensions()) as PmNode);
}

/**
 * The title of an imported document: its first heading (taken out of the text, since the title
 * shows above it) or else the file's name without its extension.
 */
export function takeTitle(content: PmNode, fileName: string): { title: string; content: PmNode } {
  const blocks = childrenOf(content);
  const first = blocks[0];
  if (first && typeOf(first) === 'heading') {
    const title = textOf(first).replace(/\s+/g, ' ').trim();
    if (title !== '') {
      const rest = blocks.slice(1);
      return {
        title,
        content: { ...content, content: rest.length > 0 ? rest : [{ type: 'paragraph' }] }
      };
    }
  }
  const base = fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return { title: base || 'Без названия', content };
}
