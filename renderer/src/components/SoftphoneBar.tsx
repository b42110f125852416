// Softphone bar (top): line registration with its reason, the dial field (with a dial pad while no call is live:
// softphone/DialPad.tsx), every live call with its
// controls, why the last call ended when it ended badly (softphone/CallEndNotice.tsx), and the call shortcuts
// (keyboard/useCallShortcuts.ts, and useConsultShortcuts.ts for attended transfer and conference). Also starts
// the page's WebRTC media engine, which core's SIP user agent drives. Runs in Chromium.
import { useCallback, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ariaKeyShortcuts } from '../keyboard/shortcuts.js';
import { useCallShortcuts } from '../keyboard/useCallShortcuts.js';
import { useConsultShortcuts } from '../keyboard/useConsultShortcuts.js';
import { useMediaEngine } from '../media/useMediaEngine.js';
import { useBrowserAttention } from '../softphone/useBrowserAttention.js';
import { CallEndNotice } from '../softphone/CallEndNotice.js';
import { DialPad } from '../softphone/DialPad.js';
import { eraseInDialField, typeIntoDialField, type DialFieldEdit } from '../softphone/dialPadInput.js';
import { useCallActions } from '../softphone/useCallActions.js';
import { useLineState } from '../softphone/useLineState.js';
import { useCallEndNotice, useSoftphoneNow } from '../softphone/useSoftphone.js';
import { PhoneIcon } from './Icons.js';
import { SoftphoneCall } from './SoftphoneCall.js';
import { useErrorText } from './useErrorText.js';

export function SoftphoneBar() {
  const { t } = useTranslation();
  const line = useLineState();
  const { calls } = useSoftphoneNow();
  const { actions, error } = useCallActions();
  const errorText = useErrorText();
  const numberId = useId();
  const hintId = useId();
  const [target, setTarget] = useState('');
  const dialInput = useRef<HTMLInputElement>(null);
  const { notice: endNotice, dismiss: dismissEndNotice } = useCallEndNotice();
  // An outbound call that failed puts its number back in an empty dial field, once, to edit or dial again. A call
  // that ended before calls:dial answered gets core's number first and the operator's text a moment later: that
  // replaces the number put back, unless the operator has edited it since.
  const [restored, setRestored] = useState<{ callId: string; target: string } | null>(null);
  const redialTarget = endNotice?.redialTarget;
  if (endNotice && redialTarget !== undefined && (endNotice.call.id !== restored?.callId || redialTarget !== restored.target)) {
    const untouched = target.trim() === '' || (endNotice.call.id === restored?.callId && target === restored.target);
    setRestored({ callId: endNotice.call.id, target: redialTarget });
    if (untouched) setTarget(redialTarget);
  }
  const focusDialField = useCallback(() => dialInput.current?.focus(), []);
  const [dialPadOpen, setDialPadOpen] = useState(false);
  const dialPadId = useId();
  // The caret a dial pad key leaves in the field, applied once React has rendered the new number.
  const pendingCaret = useRef<{ caret: number; focus: boolean } | null>(null);
  useLayoutEffect(() => {
    const pending = pendingCaret.current;
    const input = dialInput.current;
    pendingCaret.current = null;
    if (!pending || !input) return;
    if (pending.focus) input.focus();
    input.setSelectionRange(pending.caret, pending.caret);
  }, [target]);
  const editDialField = (edit: (value: string, start: number | null, end: number | null) => DialFieldEdit, focus: boolean) => {
    const input = dialInput.current;
    if (!input) return;
    const next = edit(input.value, input.selectionStart, input.selectionEnd);
    if (next.value === input.value) {
      if (focus) input.focus();
      return;
    }
    pendingCaret.current = { caret: next.caret, focus };
    setTarget(next.value);
  };
  useMediaEngine();
  useBrowserAttention();

  const registered = line.state === 'registered';
  const statusDot = registered
    ? 'ok'
    : line.state === 'failed'
      ? 'error'
      : line.state === 'notRegistered' || line.state === 'reconnecting'
        ? 'warning'
        : 'idle';
  const reason = line.status && line.state !== 'registered' ? line.status.reason : undefined;

  // Shortcuts act on the call the operator would mean: the ringing one to answer, the talking one otherwise.
  useCallShortcuts(calls, actions);
  useConsultShortcuts(calls, actions);

  // The field is emptied when the number is sent (a second Enter cannot dial it twice) and gets it back when the
  // dial is refused; a call that fails later gets it back through its notice.
  const dial = (text: string) => {
    setTarget((current) => (current.trim() === text ? '' : current));
    void actions.dial(text).then((placed) => {
      if (!placed) setTarget((current) => (current.trim() === '' ? text : current));
    });
  };

  const hint = line.status === null ? t('softphone.unavailable') : registered ? null : t('softphone.notRegisteredHint');

  return (
    <div className="softphone">
      <p className="line-status">
        <span className={`status-dot status-dot-${statusDot}`} aria-hidden="true" />
        {t('softphone.lineStatus', { state: t(`line.${line.state}`) })}
        {reason !== undefined && <span className="line-reason">{t(`softphone.registrationReason.${reason}`)}</span>}
        {line.identity !== null && <span className="line-identity">{line.identity}</span>}
      </p>
      <form
        className="dial-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!registered || target.trim() === '') return;
          dial(target.trim());
        }}
      >
        <label htmlFor={numberId} className="dial-label">
          {t('softphone.numberLabel')}
        </label>
        <input
          id={numberId}
          ref={dialInput}
          className="dial-input"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder={t('softphone.numberPlaceholder')}
          disabled={!registered}
          value={target}
          onChange={(event) => setTarget(event.target.value)}
          aria-keyshortcuts={ariaKeyShortcuts('focusDial')}
          aria-describedby={hint === null ? undefined : hintId}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={!registered}
          aria-describedby={hint === null ? undefined : hintId}
        >
          <PhoneIcon />
          {t('softphone.dial')}
        </button>
        {/* Only while no call is live: a call's own Keypad has the same "Digit N" keys, and sends tones. */}
        {calls.length === 0 && (
          <button
            type="button"
            className="button"
            disabled={!registered}
            aria-expanded={dialPadOpen}
            aria-controls={dialPadOpen ? dialPadId : undefined}
            onClick={() => setDialPadOpen((open) => !open)}
          >
            {t('softphoneInput.dialPad.toggle')}
          </button>
        )}
      </form>
      {calls.length === 0 && dialPadOpen && (
        <DialPad
          id={dialPadId}
          disabled={!registered}
          onType={(key, byPointer) => editDialField((v, s, e) => typeIntoDialField(v, s, e, key), byPointer)}
          onErase={(byPointer) => editDialField(eraseInDialField, byPointer)}
          onLeave={focusDialField}
        />
      )}
      {hint !== null && (
        <p id={hintId} className="softphone-hint">
          {hint}
        </p>
      )}
      {error !== null && (
        <p className="softphone-error" role="alert">
          {t('call.failed', { reason: errorText(error) })}
        </p>
      )}
      <CallEndNotice notice={endNotice} onDismiss={dismissEndNotice} onRedial={dial} onButtonDone={focusDialField} />
      {calls.length > 0 && (
        <div className="softphone-calls" role="group" aria-label={t('softphone.callsLabel')}>
          {calls.map((call) => (
            <SoftphoneCall key={call.id} call={call} calls={calls} actions={actions} />
          ))}
        </div>
      )}
    </div>
  );
}
