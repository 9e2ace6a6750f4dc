import type { Locale } from '../../shared/i18n/translate.ts';
import { isIsoDate } from '../../shared/model/network/fields.ts';

/** "1 сентября 2025 г.": an ISO date as a reader of the locale writes it; '' for no date. */
export function formatDate(locale: Locale, iso: string): string {
  if (!isIsoDate(iso)) return '';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC'
  }).format(Date.UTC(y, m - 1, d));
}

/** Lower case with ё as е, so a search for "ежик" finds "Ёжик". */
export function searchable(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е');
}
