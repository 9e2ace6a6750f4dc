import {
  LOCALES,
  hasCatalogue,
  loadCatalogue,
  translate,
  type Locale,
  type MessageKey
} from '../shared/i18n/translate.ts';

const STORAGE_KEY = 'uzel:locale';

function savedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // No storage (private mode): Russian.
  }
  return 'ru';
}

/**
 * The interface language. A language is shown only once its catalogue is loaded (English is a
 * chunk of its own), so the page never mixes languages; `restore` is awaited by the root layout's
 * load, before anything is painted.
 */
class LocaleState {
  #current = $state<Locale>('ru');
  /** The last language asked for: a slower earlier load must not win over it. */
  #wanted: Locale = 'ru';

  get current(): Locale {
    return this.#current;
  }

  /** Switches the language (loading it first if needed) and remembers the choice. */
  set current(locale: Locale) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // The choice just does not persist.
    }
    void this.#show(locale);
  }

  /** Shows the language chosen on an earlier visit. */
  restore(): Promise<void> {
    return typeof window === 'undefined' ? Promise.resolve() : this.#show(savedLocale());
  }

  async #show(locale: Locale): Promise<void> {
    this.#wanted = locale;
    if (!hasCatalogue(locale)) {
      try {
        await loadCatalogue(locale);
      } catch {
        // Offline before the chunk was ever cached: keep the language already shown.
        return;
      }
    }
    if (this.#wanted !== locale) return;
    this.#current = locale;
    document.documentElement.lang = locale;
  }
}

export const locale = new LocaleState();

/** Translates in the current locale; reading it inside a component makes the text reactive. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return translate(locale.current, key, values);
}
