import { ru } from '../../src/lib/shared/i18n/features/knowledgeBase.ts';
import {
  DIRECTIONS,
  DOCUMENT_TYPE_IDS,
  DOCUMENT_TYPES,
  type Direction,
  type DocumentType
} from '../../src/lib/shared/model/documentTypes.ts';

/**
 * Russian labels for the public pages, which speak Russian only (their readers are teachers of
 * the network and search engines): the app's own words from its Russian catalogue, so a type or a
 * direction reads the same in the app and on the site.
 */
type Key = keyof typeof ru;

/** Where the site says it differently on purpose: a reader sees sections, not the app's folders. */
const PUBLIC_TYPE_WORDS: Partial<Record<DocumentType, string>> = { collection: 'Раздел' };

export const TYPE_LABELS: Record<DocumentType, string> = Object.fromEntries(
  DOCUMENT_TYPE_IDS.map((type) => [type, PUBLIC_TYPE_WORDS[type] ?? ru[`type.${type}` as Key]])
) as Record<DocumentType, string>;

export const DIRECTION_LABELS: Record<Direction, string> = Object.fromEntries(
  DIRECTIONS.map((direction) => [direction, ru[`direction.${direction}` as Key]])
) as Record<Direction, string>;

/**
 * Labels of the fields the document types declare; a field written under any other name (by a
 * peer, or left from an older version) has no label and is never shown.
 */
export const FIELD_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(DOCUMENT_TYPES)
    .flatMap((type) => type.fields.map((field) => field.id))
    .map((id) => [id, ru[`field.${id}` as Key]])
);

export function directionLabel(value: string): string {
  return Object.hasOwn(DIRECTION_LABELS, value) ? DIRECTION_LABELS[value as Direction] : value;
}

/** Fields holding a calendar day (`YYYY-MM-DD`), which a page writes out in words. */
export const DATE_FIELDS: ReadonlySet<string> = new Set(
  Object.values(DOCUMENT_TYPES).flatMap((type) =>
    type.fields.filter((field) => field.kind === 'date').map((field) => field.id)
  )
);
