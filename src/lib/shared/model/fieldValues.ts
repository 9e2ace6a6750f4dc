import {
  DIRECTIONS,
  FIELD_VALUE_MAX_LENGTH,
  fieldsOf,
  TAG_MAX_LENGTH,
  type DocumentType,
  type FieldDefinition
} from './documentTypes.ts';

/** A value a person typed that the index refuses, with the reason in words a caller can show. */
export class InvalidValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidValueError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as `YYYY-MM-DD` (what a date input gives), checked to exist. */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function fieldDefinition(type: DocumentType, fieldId: string): FieldDefinition | null {
  return fieldsOf(type).find((f) => f.id === fieldId) ?? null;
}

/**
 * The value to store for a field of a document of `type`: trimmed and bounded; '' clears it.
 * Throws InvalidValueError for a field the type does not have or a value of the wrong kind.
 */
export function normaliseFieldValue(type: DocumentType, fieldId: string, value: string): string {
  const field = fieldDefinition(type, fieldId);
  if (!field) throw new InvalidValueError(`A document of type ${type} has no field ${fieldId}`);
  const single = field.kind !== 'longText';
  const clean = (single ? value.replace(/\s+/g, ' ') : value).trim();
  if (clean.length > FIELD_VALUE_MAX_LENGTH) {
    throw new InvalidValueError(`${fieldId} is longer than ${FIELD_VALUE_MAX_LENGTH} characters`);
  }
  if (clean === '') return '';
  if (field.kind === 'date' && !isIsoDate(clean)) {
    throw new InvalidValueError(`${fieldId} must be a date as YYYY-MM-DD`);
  }
  if (field.kind === 'direction' && !(DIRECTIONS as readonly string[]).includes(clean)) {
    throw new InvalidValueError(`${fieldId} must be one of ${DIRECTIONS.join(', ')}`);
  }
  return clean;
}

/** Tags are one short line, lower case, so «Краеведение» and «краеведение» are one tag. */
export function normaliseTag(tag: string): string {
  const clean = tag.replace(/\s+/g, ' ').trim().toLocaleLowerCase('ru');
  if (clean === '') throw new InvalidValueError('A tag cannot be empty');
  if (clean.length > TAG_MAX_LENGTH) {
    throw new InvalidValueError(`A tag is at most ${TAG_MAX_LENGTH} characters`);
  }
  return clean;
}
