import type * as Y from 'yjs';
import { z } from 'zod';
import { DIRECTIONS } from '../documentTypes.ts';
import { isValidId } from '../ids.ts';
import { indexRoots } from '../schema.ts';
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

const text = (max: number, tooLong: string) => z.string().trim().max(max, { error: tooLong });

const schema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'institution.error.nameRequired' })
    .max(INSTITUTION_LIMITS.name, { error: 'institution.error.nameTooLong' }),
  kind: z.enum(INSTITUTION_KINDS, { error: 'institution.error.kind' }),
  address: text(INSTITUTION_LIMITS.address, 'institution.error.tooLong'),
  contacts: text(INSTITUTION_LIMITS.contacts, 'institution.error.tooLong'),
  website: z
    .string()
    .trim()
    .max(INSTITUTION_LIMITS.website, { error: 'institution.error.tooLong' })
    .refine((v) => v === '' || isWebsite(v), { error: 'institution.error.website' }),
  directions: z.array(z.enum(DIRECTIONS, { error: 'institution.error.direction' })),
  notes: text(INSTITUTION_LIMITS.notes, 'institution.error.tooLong'),
  documentIds: z.array(z.string().refine(isValidId, { error: 'institution.error.document' })),
  archived: z.boolean(),
  public: z.boolean()
});

export const institutionKind: RecordKind<InstitutionFields> = {
  root: indexRoots.institutions,
  fields,
  schema
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
