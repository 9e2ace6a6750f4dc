import type * as Y from 'yjs';
import { DIRECTIONS } from '../documentTypes.ts';
import { isValidId } from '../ids.ts';
import { indexRoots } from '../schema.ts';
import {
  flag,
  list,
  maxLength,
  minLength,
  must,
  oneOf,
  text,
  trimmed,
  validateFields
} from './checks.ts';
import type { ValuesOf } from './fields.ts';
import { RecordStore, type RecordKind, type StoredRecord } from './records.ts';

/** Kinds of institution in the network; labels are `institution.kind.<id>` in the catalogue. */
export const INSTITUTION_KINDS = [
  'supplementaryEducation',
  'library',
  'museum',
  'folkCultureCentre',
  'university',
  'school',
  'other'
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const INSTITUTION_LIMITS = {
  name: 300,
  address: 500,
  contacts: 1000,
  website: 500,
  notes: 4000
} as const;

const fields = {
  name: { kind: 'text', max: INSTITUTION_LIMITS.name },
  kind: { kind: 'choice', values: INSTITUTION_KINDS, fallback: 'other' },
  address: { kind: 'text', max: INSTITUTION_LIMITS.address },
  contacts: { kind: 'text', max: INSTITUTION_LIMITS.contacts },
  website: { kind: 'text', max: INSTITUTION_LIMITS.website },
  directions: { kind: 'set', values: DIRECTIONS },
  notes: { kind: 'text', max: INSTITUTION_LIMITS.notes },
  /** Ids of documents of the workspace index about this institution. */
  documentIds: { kind: 'set' },
  /** Kept, with its history, but hidden from pickers: what to do instead of deleting. */
  archived: { kind: 'flag' },
  /**
   * Opt-in: shown on the workspace's public catalogue (name, kind, address and website only;
   * contacts and notes never are). Off unless someone ticks it.
   */
  public: { kind: 'flag' }
} as const;

export type InstitutionFields = typeof fields;
export type InstitutionValues = ValuesOf<InstitutionFields>;
export type Institution = StoredRecord<InstitutionFields>;

/** Only web pages: a website is shown as a link, so no other scheme may get in. */
export function isWebsite(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** "yunost.ru" → "https://yunost.ru": a bare address is what people type. */
export function normaliseWebsite(raw: string): string {
  const value = raw.trim();
  if (value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  return `https://${value.replace(/^\/+/, '')}`;
}

const tooLong = (max: number) => trimmed(maxLength(max, 'institution.error.tooLong'));

function validate(values: InstitutionValues) {
  return validateFields(values, {
    name: trimmed(
      minLength(1, 'institution.error.nameRequired'),
      maxLength(INSTITUTION_LIMITS.name, 'institution.error.nameTooLong')
    ),
    kind: oneOf(INSTITUTION_KINDS, 'institution.error.kind'),
    address: tooLong(INSTITUTION_LIMITS.address),
    contacts: tooLong(INSTITUTION_LIMITS.contacts),
    website: trimmed(
      maxLength(INSTITUTION_LIMITS.website, 'institution.error.tooLong'),
      must((v) => v === '' || isWebsite(v), 'institution.error.website')
    ),
    directions: list(oneOf(DIRECTIONS, 'institution.error.direction')),
    notes: tooLong(INSTITUTION_LIMITS.notes),
    documentIds: list(text(must(isValidId, 'institution.error.document'))),
    archived: flag(),
    public: flag()
  });
}

export const institutionKind: RecordKind<InstitutionFields> = {
  root: indexRoots.institutions,
  fields,
  validate
};

export class Institutions extends RecordStore<InstitutionFields> {
  constructor(doc: Y.Doc) {
    super(doc, institutionKind);
  }

  /** Institutions a picker offers: not archived, plus the ones already chosen. */
  choosable(keep: readonly string[] = []): Institution[] {
    return this.all().filter((i) => !i.archived || keep.includes(i.id));
  }

  archive(id: string, archived = true): void {
    this.update(id, { archived });
  }
}
