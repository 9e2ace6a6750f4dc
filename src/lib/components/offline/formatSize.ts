import type { Locale } from '$lib/shared/i18n/translate.ts';
import { t } from '$lib/state/locale.svelte.ts';

/** Bytes as a person reads them: «1,2 МБ», in the current locale's number format. */
export function formatSize(locale: Locale, bytes: number): string {
  const units = ['wsync.size.b', 'wsync.size.kb', 'wsync.size.mb', 'wsync.size.gb'] as const;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return t(units[unit]!, { n });
}
