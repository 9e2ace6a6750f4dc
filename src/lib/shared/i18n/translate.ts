import { compileMessage, type CompiledMessage } from './messageFormat.ts';
import { ru, type MessageKey } from './ru.ts';

export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];
export type { MessageKey };

/**
 * Russian is built in; English is a chunk of its own, loaded by `loadCatalogue` (the root layout
 * does so before the first paint for an English reader), so a Russian reader never downloads it.
 */
const catalogues: Partial<Record<Locale, Record<MessageKey, string>>> = { ru };
const cache = new Map<string, CompiledMessage>();

export function hasCatalogue(locale: Locale): boolean {
  return catalogues[locale] !== undefined;
}

/** Loads a language's messages once; `translate` speaks it from then on. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (hasCatalogue(locale)) return;
  if (locale === 'en') catalogues.en = (await import('./en.ts')).en;
}

/**
 * Formats a message with ICU plurals and Russian grammar; plain, so it works outside components.
 * A language not loaded yet speaks Russian rather than failing.
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  values?: Record<string, string | number>
): string {
  const speaks: Locale = hasCatalogue(locale) ? locale : 'ru';
  const cacheKey = `${speaks}\u0000${key}`;
  let format = cache.get(cacheKey);
  if (!format) {
    format = compileMessage((catalogues[speaks] ?? ru)[key], speaks);
    cache.set(cacheKey, format);
  }
  return format(values);
}

const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();

/** "5 минут назад", "вчера": relative time in the locale's words. */
export function formatRelative(locale: Locale, timestamp: number, now = Date.now()): string {
  // One formatter per locale: a list row calls this on every scroll step.
  let rtf = relativeFormats.get(locale);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, rtf);
  }
  const seconds = Math.round((timestamp - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 7) return rtf.format(Math.round(seconds / 86400), 'day');
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    timestamp
  );
}

/** Sorts titles the way a Russian reader expects (ё with е, case-insensitive, numbers by value). */
export function collator(locale: Locale): Intl.Collator {
  return new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
}
