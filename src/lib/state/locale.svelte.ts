import { LOCALES, translate, type Locale, type MessageKey } from '../shared/i18n/translate.ts';

const STORAGE_KEY = 'uzel:locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // No storage (private mode): Russian.
  }
  return 'ru';
}

class LocaleState {
  #current = $state<Locale>(typeof window === 'undefined' ? 'ru' : initialLocale());

  get current(): Locale {
    return this.#current;
  }

  set current(locale: Locale) {
    this.#current = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // The choice just does not persist.
    }
    document.documentElement.lang = locale;
  }
}

export const locale = new LocaleState();

/** Translates in the current locale; reading it inside a component makes the text reactive. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return translate(locale.current, key, values);
}
