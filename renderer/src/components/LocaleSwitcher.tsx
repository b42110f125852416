// Language picker in the status bar; stores the choice as the `ui.locale` setting. Runs in Chromium.
// Language names are shown in their own language (Türkçe, English, Русский) so anyone can find theirs.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { locales } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { isLocaleSetting } from '../i18n/i18n.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { LockIcon } from './Icons.js';
import { useErrorText } from './useErrorText.js';

export function LocaleSwitcher() {
  const { t } = useTranslation();
  const { choice, choose, chooseError } = useLocale();
  const { settings } = useSettings();
  const errorText = useErrorText();
  const selectId = useId();
  const lockId = useId();
  const errorId = useId();
  const setting = settings?.settings.find((s) => s.key === 'ui.locale');
  const locked = setting?.locked ?? false;
  const lockText = !locked
    ? undefined
    : setting?.brokenPolicy
      ? t('settings.lockedPolicyBroken')
      : setting?.lockReason
        ? t('settings.lockedBecause', { reason: setting.lockReason })
        : t('settings.lockedByPolicy');
  const describedBy =
    [locked ? lockId : null, chooseError && settings !== null ? errorId : null].filter(Boolean).join(' ') || undefined;

  return (
    <span className="locale-switcher">
      <label htmlFor={selectId}>{t('status.language')}</label>
      <select
        id={selectId}
        value={choice}
        disabled={locked}
        title={lockText}
        aria-describedby={describedBy}
        onChange={(event) => {
          if (isLocaleSetting(event.target.value)) void choose(event.target.value);
        }}
      >
        <option value="system">{t('locale.system')}</option>
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`locale.names.${locale}`)}
          </option>
        ))}
      </select>
      {locked && (
        <>
          <LockIcon />
          <span id={lockId} className="visually-hidden">
            {lockText}
          </span>
        </>
      )}
      {/* Offline, the connection status already says why nothing can be stored; here it would only repeat it. */}
      {chooseError && settings !== null && (
        <span id={errorId} className="inline-error" role="alert">
          {errorText(chooseError)}
        </span>
      )}
    </span>
  );
}
