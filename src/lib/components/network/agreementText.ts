import type { Locale } from '../../shared/i18n/translate.ts';
import { translate } from '../../shared/i18n/translate.ts';
import type { Agreement, Institutions } from '../../shared/model/network/index.ts';
import { formatDate } from './format.ts';

/**
 * "с 1 сентября 2025 г. по 31 августа 2026 г.", or what is known of it; one day (a one-day event
 * in the report) is said once: "10 декабря 2026 г.".
 */
export function agreementPeriod(locale: Locale, a: Pick<Agreement, 'signedAt' | 'expiresAt'>) {
  const from = formatDate(locale, a.signedAt);
  const to = formatDate(locale, a.expiresAt);
  if (from && from === to) return from;
  if (from && to) return translate(locale, 'agreement.period', { from, to });
  if (from) return translate(locale, 'agreement.since', { from });
  if (to) return translate(locale, 'agreement.until', { to });
  return translate(locale, 'agreement.noDates');
}

/** The parties' names; a party deleted by a peer still shows as such. */
export function partyNames(locale: Locale, institutions: Institutions, ids: string[]): string[] {
  return ids.map((id) => institutions.get(id)?.name || translate(locale, 'institution.unknown'));
}
