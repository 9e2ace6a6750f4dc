import { ru } from '../shared/i18n/features/knowledgeBase.ts';
import {
  DIRECTIONS,
  fieldsOf,
  isDocumentType,
  type DocumentType,
  type FieldKind
} from '../shared/model/documentTypes.ts';
import { isIsoDate } from '../shared/model/fieldValues.ts';

/**
 * A document's type, typed fields and tags as an export writes them (Markdown front matter, the
 * HTML page's table, the Word file's table). Labels are the app's Russian words, the same the
 * public page shows; the values stay as typed, only a direction and a date are put into words.
 */
export type ExportMeta = { type: DocumentType; fields: Record<string, string>; tags: string[] };

export type ExportedField = {
  id: string;
  label: string;
  /** As stored: what front matter writes and an import reads back. */
  value: string;
  /** As a reader reads it: a direction's name, a date in Russian words. */
  shown: string;
  kind: FieldKind;
};

type Key = keyof typeof ru;
const label = (key: string) => (Object.hasOwn(ru, key) ? ru[key as Key] : key);

/** The tags' heading, from the same catalogue. */
export const TAGS_LABEL = ru['tags.label'];

const LONG_DATE = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC'
});

export function typeLabel(type: DocumentType): string {
  return label(`type.${type}`);
}

/** The filled fields the type declares, in its order; a field under any other name is left out. */
export function exportedFields(meta: ExportMeta): ExportedField[] {
  if (!isDocumentType(meta.type)) return [];
  const out: ExportedField[] = [];
  for (const field of fieldsOf(meta.type)) {
    const value = meta.fields[field.id];
    if (typeof value !== 'string' || value.trim() === '') continue;
    out.push({
      id: field.id,
      label: label(`field.${field.id}`),
      value,
      shown: shownValue(field.kind, value),
      kind: field.kind
    });
  }
  return out;
}

function shownValue(kind: FieldKind, value: string): string {
  if (kind === 'direction' && (DIRECTIONS as readonly string[]).includes(value))
    return label(`direction.${value}`);
  if (kind === 'date' && isIsoDate(value)) return LONG_DATE.format(new Date(`${value}T00:00:00Z`));
  return value;
}

/** The rows of the fields table: type, fields, tags, each as a label and what a reader sees. */
export function fieldRows(meta: ExportMeta): { label: string; value: string }[] {
  const rows = [{ label: label('field.type'), value: typeLabel(meta.type) }];
  for (const field of exportedFields(meta)) rows.push({ label: field.label, value: field.shown });
  if (meta.tags.length > 0) rows.push({ label: TAGS_LABEL, value: meta.tags.join(', ') });
  return rows;
}
