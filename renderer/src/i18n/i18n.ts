// i18next set-up for the renderer: the three catalogues are bundled (no network), so init is synchronous.
// Runs in Chromium (and in happy-dom tests).
import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { locales, type Locale } from '../../../electron/shared/settings.js';
import en from './locales/en.json';
import ru from './locales/ru.json';
import tr from './locales/tr.json';

export const catalogues = { en, tr, ru } as const satisfies Record<Locale, unknown>;
export const fallbackLocale: Locale = 'en';
export type LocaleSetting = 'system' | Locale;

/** One instance per app (not the i18next singleton), so tests and windows never share language state. */
export function createI18n(locale: Locale): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      en: { translation: catalogues.en },
      tr: { translation: catalogues.tr },
      ru: { translation: catalogues.ru },
    },
    lng: locale,
    fallbackLng: fallbackLocale,
    supportedLngs: locales,
    initAsync: false,
    // React escapes text nodes itself; escaping here too would show `&lt;` to the operator.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    returnNull: false,
  });
  return instance;
}

/** Maps a language tag (`tr-TR`, `ru`, `en-GB`, `de`) to one of our locales, or null. */
export function matchLocale(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (locales as readonly string[]).includes(primary) ? (primary as Locale) : null;
}

/** `ui.locale` → the locale to show. 'system' takes the first preferred language we have, else English. */
export function resolveLocale(setting: LocaleSetting, preferredLanguages: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  for (const tag of preferredLanguages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return fallbackLocale;
}

export function isLocaleSetting(value: unknown): value is LocaleSetting {
  return value === 'system' || (locales as readonly unknown[]).includes(value);
}
