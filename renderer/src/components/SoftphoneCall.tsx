// One call in the softphone bar: who it is (as text), its state, and the controls that make sense in
// that state (Answer/Decline, Hang up, Hold/Resume, Mute/Unmute, Transfer, Consult, Complete transfer,
// Cancel consult, Conference, Keypad). `calls` are all live calls: a consultation names the call it is for,
// and Conference joins the connected ones (rules in softphone/callRelations.ts). Runs in Chromium.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { ariaKeyShortcuts } from '../keyboard/shortcuts.js';
import {
  canCompleteTransfer,
  canConsult,
  conferenceCallIds,
  consultationOf,
  consultedCall,
  partyOf,
} from '../softphone/callRelations.js';
import type { CallActions } from '../softphone/useCallActions.js';
import { CallQuality } from './CallQuality.js';

const keypadDigits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export function SoftphoneCall({ call, calls, actions }: { call: CallView; calls: readonly CallView[]; actions: CallActions }) {
  const { t } = useTranslation();
  const [keypadOpen, setKeypadOpen] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [transferTarget, setTransferTarget] = useState('');
  const [consultOpen, setConsultOpen] = useState(false);
  const [consultTarget, setConsultTarget] = useState('');
  const headingId = useId();
  const transferId = useId();
  const consultId = useId();
  const number = call.remoteNumber ?? call.remoteUser;
  const connected = call.state === 'active' || call.state === 'held';
  const consultsFor = consultedCall(call, calls);
  const consultation = consultationOf(call, calls);
  const consultOffered = canConsult(call, calls);
  const conferenceIds = conferenceCallIds(call, calls);

  return (
    <article className="softphone-call" aria-labelledby={headingId} data-call-state={call.state} data-call-id={call.id}>
      <p id={headingId} className="call-party">
        <span className="call-state">{t(`call.state.${call.state}`)}</span>{' '}
        <span className="call-line">{t('call.line', { line: call.line })}</span>{' '}
        {call.displayName !== '' && <span className="call-name">{call.displayName}</span>}{' '}
        <span className="call-number">{number === '' ? t('call.unknownCaller') : number}</span>
      </p>
      {call.callWaiting && call.state === 'ringing' && <p className="call-note">{t('call.callWaiting')}</p>}
      {call.remoteHold && <p className="call-note">{t('call.remoteHold')}</p>}
      {call.muted && <p className="call-note">{t('call.muted')}</p>}
      {consultsFor && (
        <p className="call-note call-consult-note">
          {t('call.consultingFor', { party: partyOf(consultsFor) || t('call.unknownCaller'), line: consultsFor.line })}
        </p>
      )}
      {consultation && <p className="call-note">{t('call.consultationOn', { line: consultation.line })}</p>}
      {call.handedOverBy !== undefined && call.state !== 'ended' && (
        <p className="call-note">{t('call.handedOverBy', { party: call.handedOverBy })}</p>
      )}
      {call.conference === true && <p className="call-note call-conference-note">{t('call.inConference')}</p>}
      {connected && <CallQuality callId={call.id} />}
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
            <button
              type="button"
              className="button"
              onClick={() => actions.decline(call.id)}
              aria-keyshortcuts={ariaKeyShortcuts('declineCall')}
            >
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
          <button
            type="button"
            className="button"
            aria-expanded={transferOpen}
            onClick={() => setTransferOpen((open) => !open)}
            aria-keyshortcuts={ariaKeyShortcuts('transferCall')}
          >
            {t('call.transfer')}
          </button>
        )}
        {consultOffered && (
          <button
            type="button"
            className="button"
            aria-expanded={consultOpen}
            onClick={() => setConsultOpen((open) => !open)}
            aria-keyshortcuts={ariaKeyShortcuts('consultCall')}
          >
            {t('call.consult')}
          </button>
        )}
        {consultsFor && canCompleteTransfer(call, calls) && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => actions.attendedTransfer(consultsFor.id, call.id)}
            aria-keyshortcuts={ariaKeyShortcuts('completeTransfer')}
          >
            {t('call.completeTransfer')}
          </button>
        )}
        {consultsFor && (
          <button
            type="button"
            className="button"
            onClick={() => actions.cancelConsult(call.id)}
            aria-keyshortcuts={ariaKeyShortcuts('cancelConsult')}
          >
            {t('call.cancelConsult')}
          </button>
        )}
        {conferenceIds.length > 0 && (
          <button
            type="button"
            className="button"
            onClick={() => actions.conference(conferenceIds)}
            aria-keyshortcuts={ariaKeyShortcuts('joinConference')}
          >
            {t('call.conference')}
          </button>
        )}
        {call.state === 'active' && (
          <button
            type="button"
            className="button"
            aria-expanded={keypadOpen}
            onClick={() => setKeypadOpen((open) => !open)}
            aria-keyshortcuts={ariaKeyShortcuts('toggleKeypad')}
          >
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
      {consultOffered && consultOpen && (
        <form
          className="call-consult"
          onSubmit={(event) => {
            event.preventDefault();
            if (consultTarget.trim() === '') return;
            void actions.consult(call.id, consultTarget.trim());
            setConsultOpen(false);
          }}
        >
          <label htmlFor={consultId}>{t('call.consultTarget')}</label>
          <input
            id={consultId}
            className="dial-input"
            type="tel"
            autoComplete="off"
            value={consultTarget}
            onChange={(event) => setConsultTarget(event.target.value)}
          />
          <button type="submit" className="button">
            {t('call.consultConfirm')}
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
