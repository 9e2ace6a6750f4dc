import { fieldsOf } from '../shared/model/documentTypes.ts';
import type { DocumentMeta } from '../shared/model/WorkspaceIndex.ts';
import type { IndexedMeta } from './types.ts';

/** A label from the catalogue, or null when it has none (the raw value is indexed then). */
export type LabelOf = (key: string) => string | null;

/**
 * What the index gets from a workspace index entry. The type's name and a direction's label are
 * indexed with the field values, so «краеведение» finds a methodology filed under that direction.
 */
export function indexedMetaOf(meta: DocumentMeta, labelOf: LabelOf): IndexedMeta {
  const parts: string[] = [];
  const typeLabel = labelOf(`type.${meta.type}`) ?? labelOf(`search.type.${meta.type}`);
  if (typeLabel) parts.push(typeLabel);
  for (const field of fieldsOf(meta.type)) {
    const value = meta.fields[field.id];
    if (!value) continue;
    parts.push(field.kind === 'direction' ? (labelOf(`direction.${value}`) ?? value) : value);
  }
  return {
    id: meta.id,
    title: meta.title,
    type: meta.type,
    tags: [...meta.tags].sort(),
    fieldText: parts.join('\n'),
    updatedAt: meta.updatedAt
  };
}
