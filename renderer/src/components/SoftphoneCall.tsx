// One call in the softphone bar: who it is (as text), its state, and the controls that make sense in
// that state (Answer/Decline, Hang up, Hold/Resume, Mute/Unmute, Transfer, Keypad). Runs in Chromium.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import type { CallActions } from '../softphone/useCallActions.js';

const keypadDigits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export function SoftphoneCall({ call, actions }: { call: CallView; actions: CallActions }) {
  const { t } = useTranslation();
  const [keypadOpen, setKeypadOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [transferTarget, setTransferTarget] = useState('');
  const headingId = useId();
  const transferId = useId();
  const number = call.remoteNumber ?? call.remoteUser;
  const connected = call.state === 'active' || call.state === 'held';

  return (
    <article className="softphone-call" aria-labelledby={headingId} data-call-state={call.state}>
      <p id={headingId} className="call-party">
        <span className="call-state">{t(`call.state.${call.state}`)}</span>{' '}
        <span className="call-line">{t('call.line', { line: call.line })}</span>{' '}
        {call.displayName !== '' && <span className="call-name">{call.displayName}</span>}{' '}
        <span className="call-number">{number === '' ? t('call.unknownCaller') : number}</span>
      </p>
      {call.callWaiting && call.state === 'ringing' && <p className="call-note">{t('call.callWaiting')}</p>}
      {call.remoteHold && <p className="call-note">{t('call.remoteHold')}</p>}
      {call.muted && <p className="call-note">{t('call.muted')}</p>}
      {call.transfer?.status === 'failed' && (
        <p className="call-note" role="alert">
          {t('call.transferFailed')}
        </p>
      )}
      <div className="call-controls">
        {call.state === 'ringing' ? (
          <>
            <button
              type="button"
              className="button button-primary"
              onClick={() => actions.answer(call.id)}
              aria-keyshortcuts="Alt+A"
            >
              {t('call.answer')}
            </button>
            <button type="button" className="button" onClick={() => actions.decline(call.id)}>
              {t('call.decline')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => actions.hangup(call.id)} aria-keyshortcuts="Alt+H">
            {t('call.hangup')}
          </button>
        )}
        {call.state === 'active' && (
          <button type="button" className="button" onClick={() => actions.hold(call.id)} aria-keyshortcuts="Alt+K">
            {t('call.hold')}
          </button>
        )}
        {call.state === 'held' && (
          <button type="button" className="button" onClick={() => actions.resume(call.id)} aria-keyshortcuts="Alt+K">
            {t('call.resume')}
          </button>
        )}
        {call.state === 'active' && (
          <button
            type="button"
            className="button"
            aria-pressed={call.muted}
            onClick={() => actions.mute(call.id, !call.muted)}
            aria-keyshortcuts="Alt+M"
          >
            {call.muted ? t('call.unmute') : t('call.mute')}
          </button>
        )}
        {connected && (
          <button type="button" className="button" aria-expanded={transferOpen} onClick={() => setTransferOpen((open) => !open)}>
            {t('call.transfer')}
          </button>
        )}
        {call.state === 'active' && (
          <button type="button" className="button" aria-expanded={keypadOpen} onClick={() => setKeypadOpen((open) => !open)}>
            {t('call.keypad')}
          </button>
        )}
      </div>
      {connected && transferOpen && (
        <form
          className="call-transfer"
          onSubmit={(event) => {
            event.preventDefault();
            if (transferTarget.trim() === '') return;
            void actions.transfer(call.id, transferTarget.trim());
            setTransferOpen(false);
          }}
        >
          <label htmlFor={transferId}>{t('call.transferTarget')}</label>
          <input
            id={transferId}
            className="dial-input"
            type="tel"
            autoComplete="off"
            value={transferTarget}
            onChange={(event) => setTransferTarget(event.target.value)}
          />
          <button type="submit" className="button">
            {t('call.transferConfirm')}
          </button>
        </form>
      )}
      {call.state === 'active' && keypadOpen && (
        <div className="call-keypad" role="group" aria-label={t('call.keypad')}>
          {keypadDigits.map((digit) => (
            <button
              key={digit}
              type="button"
              className="button"
              aria-label={t('call.digit', { digit })}
              onClick={() => actions.dtmf(call.id, digit)}
            >
              {digit}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}
