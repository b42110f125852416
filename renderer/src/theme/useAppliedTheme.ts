// Applies the `ui.theme` setting as <html data-theme="light|dark">; 'system' follows prefers-color-scheme
// live. Runs in Chromium. The CSS variables in styles/theme.css do the rest.
import { useEffect, useLayoutEffect, useState } from 'react';
import { settingValue } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';

export type ThemeSetting = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const themeStorageKey = 'agentdesk.lastTheme';
const darkQuery = '(prefers-color-scheme: dark)';

function isThemeSetting(value: unknown): value is ThemeSetting {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** Before settings load we reuse the last theme, so a dark desk does not flash white on start. */
export function rememberedTheme(): ThemeSetting | null {
  try {
    const value = localStorage.getItem(themeStorageKey);
    return isThemeSetting(value) ? value : null;
  } catch {
    return null;
  }
}

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(darkQuery).matches;
}

export function useAppliedTheme(): Theme {
  const { settings } = useSettings();
  const [remembered] = useState(rememberedTheme);
  const choice: ThemeSetting = (settings ? settingValue(settings, 'ui.theme') : null) ?? remembered ?? 'system';
  const [prefersDark, setPrefersDark] = useState(systemPrefersDark);

  useEffect(() => {
    if (choice !== 'system' || typeof matchMedia !== 'function') return;
    const query = matchMedia(darkQuery);
    const onChange = () => setPrefersDark(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [choice]);

  const theme: Theme = choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;

  useLayoutEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  useEffect(() => {
    try {
      localStorage.setItem(themeStorageKey, choice);
    } catch {
      // Storage disabled: the next start follows the system until settings load.
    }
  }, [choice]);

  return theme;
}
