import { DOCUMENT_TYPES, type DocumentType } from './documentTypes.ts';
import type { DocumentMeta } from './WorkspaceIndex.ts';

/** Ids of the fields a list can be filtered by, read from the type table (direction, author…). */
export const FILTERABLE_FIELDS: readonly string[] = [
  ...new Set(
    Object.values(DOCUMENT_TYPES).flatMap((t) =>
      t.fields.filter((f) => 'filterable' in f && f.filterable).map((f) => f.id)
    )
  )
];

/** What the tree and lists are narrowed to; an empty value means "any". */
export type DocumentFilter = {
  type: DocumentType | '';
  tag: string;
  /** Filterable field id → the value it must have. */
  fields: Record<string, string>;
};

export const NO_FILTER: DocumentFilter = { type: '', tag: '', fields: {} };

export function isFiltering(filter: DocumentFilter): boolean {
  return (
    filter.type !== '' || filter.tag !== '' || Object.values(filter.fields).some((v) => v !== '')
  );
}

export function matchesFilter(meta: DocumentMeta, filter: DocumentFilter): boolean {
  if (filter.type !== '' && meta.type !== filter.type) return false;
  if (filter.tag !== '' && !meta.tags.includes(filter.tag)) return false;
  for (const [field, value] of Object.entries(filter.fields)) {
    if (value !== '' && meta.fields[field] !== value) return false;
  }
  return true;
}

/** The values in use, for the filter menus: tags and each filterable field's distinct values. */
export function filterChoices(documents: readonly DocumentMeta[]): {
  tags: string[];
  fields: Record<string, string[]>;
} {
  const tags = new Set<string>();
  const fields: Record<string, Set<string>> = {};
  for (const id of FILTERABLE_FIELDS) fields[id] = new Set();
  for (const meta of documents) {
    for (const tag of meta.tags) tags.add(tag);
    for (const id of FILTERABLE_FIELDS) {
      const value = meta.fields[id];
      if (value) fields[id]?.add(value);
    }
  }
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b, 'ru'));
  return {
    tags: sorted(tags),
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, sorted(v)]))
  };
}
