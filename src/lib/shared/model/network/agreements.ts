import type * as Y from 'yjs';
import { isValidId } from '../ids.ts';
import { indexRoots } from '../schema.ts';
import {
  list,
  maxLength,
  minLength,
  must,
  oneOf,
  text,
  trimmed,
  validateFields
} from './checks.ts';
import type { NetworkItem } from './cooperation.ts';
import { daysBetween, isIsoDate, type ValuesOf } from './fields.ts';
import { Institutions } from './institutions.ts';
import { RecordStore, type FieldErrors, type RecordKind, type StoredRecord } from './records.ts';

/** Labels are `agreement.status.<id>` in the catalogue. */
export const AGREEMENT_STATUSES = ['draft', 'active', 'expired', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** How far ahead the home page warns about an agreement running out. */
export const EXPIRY_WARNING_DAYS = 60;

export const AGREEMENT_LIMITS = {
  subject: 500,
  number: 100,
  scan: 500,
  notes: 4000,
  parties: 50
} as const;

const fields = {
  /** Institution ids; two or more. */
  partyIds: { kind: 'set' },
  subject: { kind: 'text', max: AGREEMENT_LIMITS.subject },
  number: { kind: 'text', max: AGREEMENT_LIMITS.number },
  signedAt: { kind: 'date' },
  expiresAt: { kind: 'date' },
  status: { kind: 'choice', values: AGREEMENT_STATUSES, fallback: 'draft' },
  /** A reference to the signed scan; attachments will resolve it. */
  scan: { kind: 'text', max: AGREEMENT_LIMITS.scan },
  projectIds: { kind: 'set' },
  eventIds: { kind: 'set' },
  notes: { kind: 'text', max: AGREEMENT_LIMITS.notes }
} as const;

export type AgreementFields = typeof fields;
export type AgreementValues = ValuesOf<AgreementFields>;
export type Agreement = StoredRecord<AgreementFields>;

const date = text(must((v) => v === '' || isIsoDate(v), 'agreement.error.date'));
const ids = (error: string) => text(must(isValidId, error));
const tooLong = (max: number) => trimmed(maxLength(max, 'agreement.error.tooLong'));

function validate(values: AgreementValues): FieldErrors {
  return validateFields(
    values,
    {
      partyIds: list(ids('agreement.error.party'), {
        min: [2, 'agreement.error.partiesMin'],
        max: [AGREEMENT_LIMITS.parties, 'agreement.error.partiesMax']
      }),
      subject: trimmed(
        minLength(1, 'agreement.error.subjectRequired'),
        maxLength(AGREEMENT_LIMITS.subject, 'agreement.error.tooLong')
      ),
      number: tooLong(AGREEMENT_LIMITS.number),
      signedAt: date,
      expiresAt: date,
      status: oneOf(AGREEMENT_STATUSES, 'agreement.error.status'),
      scan: tooLong(AGREEMENT_LIMITS.scan),
      projectIds: list(ids('agreement.error.link')),
      eventIds: list(ids('agreement.error.link')),
      notes: tooLong(AGREEMENT_LIMITS.notes)
    },
    (a) => [
      ...(isIsoDate(a.signedAt) && isIsoDate(a.expiresAt) && a.expiresAt < a.signedAt
        ? [{ field: 'expiresAt', message: 'agreement.error.expiryOrder' }]
        : []),
      ...((a.status === 'active' || a.status === 'expired') && !a.signedAt
        ? [{ field: 'signedAt', message: 'agreement.error.signedNeeded' }]
        : [])
    ]
  );
}

/** Every party must be an institution of the workspace (archived ones included). */
function checkParties(values: AgreementValues, doc: Y.Doc): FieldErrors {
  const institutions = new Institutions(doc);
  const unknown = values.partyIds.some((id) => institutions.get(id) === null);
  return unknown ? { partyIds: 'agreement.error.partyUnknown' } : {};
}

export const agreementKind: RecordKind<AgreementFields> = {
  root: indexRoots.agreements,
  fields,
  validate,
  check: checkParties
};

export class Agreements extends RecordStore<AgreementFields> {
  constructor(doc: Y.Doc) {
    super(doc, agreementKind);
  }

  /** Agreements in force whose expiry is within `days` from `today` (today itself included). */
  expiring(today: string, days = EXPIRY_WARNING_DAYS): (Agreement & { daysLeft: number })[] {
    return this.all()
      .filter((a) => a.status === 'active' && a.expiresAt !== '')
      .map((a) => ({ ...a, daysLeft: daysBetween(today, a.expiresAt) }))
      .filter((a) => a.daysLeft >= 0 && a.daysLeft <= days)
      .sort((a, b) => a.daysLeft - b.daysLeft);
  }

  withParty(institutionId: string): Agreement[] {
    return this.all().filter((a) => a.partyIds.includes(institutionId));
  }
}

/**
 * The status to show: an agreement marked active whose expiry date has passed has in fact
 * expired, even if nobody has changed it yet.
 */
export function effectiveStatus(agreement: Agreement, today: string): AgreementStatus {
  if (agreement.status === 'active' && agreement.expiresAt && agreement.expiresAt < today) {
    return 'expired';
  }
  return agreement.status;
}

export function agreementTitle(agreement: Pick<Agreement, 'number' | 'subject'>): string {
  return agreement.number ? `№ ${agreement.number}. ${agreement.subject}` : agreement.subject;
}

/** Agreements as ties of the network (see cooperation.ts). */
export function agreementItems(doc: Y.Doc): NetworkItem[] {
  return new Agreements(doc).all().map((a) => ({
    kind: 'agreement',
    id: a.id,
    title: agreementTitle(a),
    institutionIds: a.partyIds,
    start: a.signedAt,
    end: a.expiresAt,
    href: `/agreements/item?id=${a.id}`
  }));
}
