// Applies the `ui.locale` setting: switches i18next, sets <html lang>, and lets the status bar change it.
// Runs in Chromium. The last shown locale is remembered locally so the next start paints in it directly.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { settingValue, type Locale } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { createI18n, isLocaleSetting, resolveLocale, type LocaleSetting } from './i18n.js';

export const localeStorageKey = 'agentdesk.lastLocale';

export interface LocaleState {
  /** The locale on screen. */
  locale: Locale;
  /** What the operator chose ('system' included). */
  choice: LocaleSetting;
  /** Switches at once and stores the choice as the `ui.locale` setting. */
  choose: (choice: LocaleSetting) => Promise<void>;
  /** Why storing the last choice failed (the switch itself still applies to this window). */
  chooseError: CommandError | null;
}

const LocaleContext = createContext<LocaleState | null>(null);

function readRemembered(): LocaleSetting | null {
  try {
    const value = localStorage.getItem(localeStorageKey);
    return isLocaleSetting(value) ? value : null;
  } catch {
    return null;
  }
}

export function LocaleProvider({
  preferredLanguages,
  children,
}: {
  /** The system's languages, best first (navigator.languages). */
  preferredLanguages: readonly string[];
  children: ReactNode;
}) {
  const { settings, set } = useSettings();
  const fromSettings = settings ? settingValue(settings, 'ui.locale') : null;
  // Chosen in this window but not (yet) stored. It only counts while the stored setting is still the
  // one it was made against: once the setting moves (our save, another window, policy), the setting wins.
  const [pending, setPending] = useState<{ choice: LocaleSetting; madeAgainst: LocaleSetting | null } | null>(null);
  const [chooseError, setChooseError] = useState<CommandError | null>(null);
  const [remembered] = useState(readRemembered);

  const pendingChoice = pending && pending.madeAgainst === fromSettings ? pending.choice : null;
  const choice: LocaleSetting = pendingChoice ?? fromSettings ?? remembered ?? 'system';
  const locale = resolveLocale(choice, preferredLanguages);
  const [i18n] = useState(() => createI18n(locale));

  // A layout effect: the switch (synchronous with bundled catalogues) lands before the browser paints.
  useLayoutEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
  }, [i18n, locale]);

  useEffect(() => {
    try {
      localStorage.setItem(localeStorageKey, choice);
    } catch {
      // Storage disabled: the next start simply follows the system language until settings load.
    }
  }, [locale, choice]);

  const choose = useCallback(
    async (next: LocaleSetting) => {
      setPending({ choice: next, madeAgainst: fromSettings });
      setChooseError(null);
      const result = await set('ui.locale', next);
      if (!result.ok) setChooseError(result.error);
    },
    [set, fromSettings],
  );

  const state = useMemo(() => ({ locale, choice, choose, chooseError }), [locale, choice, choose, chooseError]);
  return (
    <I18nextProvider i18n={i18n}>
      <LocaleContext.Provider value={state}>{children}</LocaleContext.Provider>
    </I18nextProvider>
  );
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale() needs a <LocaleProvider> above it');
  return state;
}
