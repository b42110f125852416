// The SIP password in the Settings dialog: write-only. It goes to core's SecretStore (the OS keychain in the
// desktop app) through `sip:setPassword` and is never read back or shown. Runs in Chromium.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../bridge/BridgeContext.js';
import { useErrorText } from './useErrorText.js';

export function SipPasswordRow() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const setPassword = useCommand('sip:setPassword');
  const [password, setPasswordText] = useState('');
  const [saved, setSaved] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (password === '') return;
    setSaved(false);
    const result = await setPassword.run({ password });
    if (result.ok) {
      setPasswordText(''); // never keep it in the page longer than needed
      setSaved(true);
    }
  };

  return (
    <form className="setting" onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className="setting-head">
        <label htmlFor={inputId} className="setting-label">
          {t('settings.sipPassword.label')}
        </label>
      </div>
      <input
        id={inputId}
        type="password"
        autoComplete="off"
        value={password}
        aria-describedby={setPassword.error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={setPassword.error ? true : undefined}
        onChange={(event) => {
          setPasswordText(event.target.value);
          setSaved(false);
        }}
      />
      <p id={hintId} className="setting-hint">
        {t('settings.sipPassword.hint')}
      </p>
      {setPassword.error && (
        <p id={errorId} className="inline-error" role="alert">
          {errorText(setPassword.error)}
        </p>
      )}
      <div className="setting-actions">
        <button type="submit" className="button" disabled={password === '' || setPassword.loading}>
          {t('settings.sipPassword.save')}
        </button>
        <span className="setting-status" role="status">
          {saved ? t('settings.sipPassword.saved') : ''}
        </span>
      </div>
    </form>
  );
}
