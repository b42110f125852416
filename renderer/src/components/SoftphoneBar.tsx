// Softphone bar (top): line status and the dial field. Calling itself arrives with the SIP user agent,
// so the controls are present (layout and shortcuts settle now) but disabled, with the reason shown.
// Runs in Chromium.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLineState } from '../softphone/useLineState.js';
import { PhoneIcon } from './Icons.js';

export function SoftphoneBar() {
  const { t } = useTranslation();
  const line = useLineState();
  const numberId = useId();
  const hintId = useId();

  return (
    <div className="softphone">
      <p className="line-status">
        <span className={`status-dot status-dot-${line.state === 'notRegistered' ? 'warning' : 'idle'}`} aria-hidden="true" />
        {t('softphone.lineStatus', { state: t(`line.${line.state}`) })}
        {line.identity !== null && <span className="line-identity">{line.identity}</span>}
      </p>
      <form className="dial-form" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={numberId} className="dial-label">
          {t('softphone.numberLabel')}
        </label>
        <input
          id={numberId}
          className="dial-input"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder={t('softphone.numberPlaceholder')}
          disabled
          aria-describedby={hintId}
        />
        <button type="submit" className="button button-primary" disabled aria-describedby={hintId}>
          <PhoneIcon />
          {t('softphone.dial')}
        </button>
      </form>
      <p id={hintId} className="softphone-hint">
        {t('softphone.unavailable')}
      </p>
    </div>
  );
}
