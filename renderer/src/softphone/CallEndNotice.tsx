// The softphone bar's word on a call that ended badly: "Call to 0532…: the line is busy", announced politely
// to screen readers, with Redial (outbound calls) and Dismiss. It goes away when dismissed, when the next call
// arrives (the store clears it) or after NOTICE_MS — never while the operator's pointer or focus is on it.
// Runs in Chromium.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callEndText, type CallEndNotice as Notice } from './callEndNotice.js';
import { partyOf } from './callRelations.js';

/** Long enough to read a sentence twice and reach Redial; the dial field keeps the number after that anyway. */
export const NOTICE_MS = 10_000;

export function CallEndNotice({
  notice,
  onDismiss,
  onRedial,
  onButtonDone,
}: {
  notice: Notice | null;
  onDismiss: (callId: string) => void;
  onRedial: (target: string) => void;
  /** After Redial or Dismiss: the button is about to disappear, so focus goes somewhere useful (the dial field). */
  onButtonDone: () => void;
}) {
  const { t } = useTranslation();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const held = hovered || focused;
  const callId = notice?.call.id;

  useEffect(() => {
    if (callId === undefined || held) return;
    const timer = setTimeout(() => onDismiss(callId), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [callId, held, onDismiss]);

  const party = notice ? partyOf(notice.call) || t('call.unknownCaller') : '';
  const redialTarget = notice?.redialTarget;
  return (
    // The status line stays in the page while empty: a live region added together with its text is often not read.
    <div
      className={notice ? 'call-end-notice' : 'call-end-notice call-end-notice-empty'}
      data-end-kind={notice?.kind}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <p className="call-end-notice-text" role="status" aria-live="polite" aria-atomic="true">
        {notice && (
          <>
            <strong className="call-end-notice-party">
              {notice.call.direction === 'outbound'
                ? t('softphoneNotices.callTo', { party })
                : t('softphoneNotices.callFrom', { party })}
            </strong>{' '}
            {callEndText(t, notice)}
          </>
        )}
      </p>
      {notice && (
        <div className="call-end-notice-actions">
          {redialTarget !== undefined && (
            <button
              type="button"
              className="button button-primary"
              aria-label={t('softphoneNotices.redialParty', { party: redialTarget })}
              onClick={() => {
                setFocused(false);
                onButtonDone();
                onRedial(redialTarget);
              }}
            >
              {t('softphoneNotices.redial')}
            </button>
          )}
          <button
            type="button"
            className="button"
            aria-label={t('softphoneNotices.dismissLabel')}
            onClick={() => {
              setFocused(false);
              onButtonDone();
              onDismiss(notice.call.id);
            }}
          >
            {t('softphoneNotices.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
