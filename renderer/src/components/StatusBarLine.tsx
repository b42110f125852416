// The status bar's phone-line item: registration state with its reason in plain words, the countdown to the next
// automatic attempt, and "Reconnect now" (Alt+G) that asks core to register again at once (sip:reconnect).
// Runs in Chromium.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SoftphoneStatus } from '../../../electron/shared/ipc/softphone.js';
import type { CommandError } from '../../../electron/shared/ipc/result.js';
import { useBridge } from '../bridge/BridgeContext.js';
import { formatDuration } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { ariaKeyShortcuts, matchLineShortcut } from '../keyboard/shortcuts.js';
import { useLineState, type LineState } from '../softphone/useLineState.js';
import { useErrorText } from './useErrorText.js';
import { useNow } from './useNow.js';

type ReasonKey =
  | 'unreachable'
  | 'unreachableSecure'
  | 'connectionLost'
  | 'allServersFailed'
  | 'authFailed'
  | 'forbidden'
  | 'notFound'
  | 'serverError'
  | 'rejected'
  | 'timeout'
  | 'registrationLost'
  | 'stopped';

/**
 * What core's reason (and SIP code) means for the operator. Core cannot tell a TLS failure from a server that is
 * down (both close the WebSocket before it opens), so on a wss:// server the words name both causes.
 */
export function lineReasonOf(status: SoftphoneStatus): ReasonKey | null {
  switch (status.reason) {
    case undefined:
    case 'not-configured': // the state already says "Not set up"
      return null;
    case 'connection-failed':
      return status.server?.toLowerCase().startsWith('wss:') ? 'unreachableSecure' : 'unreachable';
    case 'connection-lost':
      return 'connectionLost';
    case 'all-servers-failed':
      return 'allServersFailed';
    case 'auth-failed':
      return 'authFailed';
    case 'rejected':
      if (status.code === 403) return 'forbidden';
      if (status.code === 404) return 'notFound';
      if (status.code !== undefined && status.code >= 500) return 'serverError';
      return 'rejected';
    case 'timeout':
      return 'timeout';
    case 'registration-lost':
      return 'registrationLost';
    case 'stopped-by-user':
      return 'stopped';
  }
}

/** Green when calls can come, amber while (re)connecting or waiting to retry, red when only the operator can fix it. */
function toneOf(state: LineState): 'ok' | 'warning' | 'error' | 'idle' {
  switch (state) {
    case 'registered':
      return 'ok';
    case 'connecting':
    case 'registering':
    case 'reconnecting':
      return 'warning';
    case 'failed':
    case 'notConfigured':
      return 'error';
    case 'notRegistered':
    case 'unknown':
      return 'idle';
  }
}

/** Reconnecting now makes sense when the line is down and settings allow a try: failed, waiting, or stopped. */
function canReconnect(state: LineState): boolean {
  return state === 'failed' || state === 'reconnecting' || state === 'notRegistered';
}

export function StatusBarLine() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const line = useLineState();
  const errorText = useErrorText();
  const reasonWords = useReasonWords();
  const [error, setError] = useState<CommandError | null>(null);
  const pending = useRef(false);
  const offered = line.status !== null && canReconnect(line.state);
  const offeredRef = useRef(offered);
  useEffect(() => {
    offeredRef.current = offered;
  }, [offered]);
  // A refusal belongs to the button the operator pressed: once it is no longer offered, the refusal is old news.
  const [lastOffered, setLastOffered] = useState(offered);
  if (lastOffered !== offered) {
    setLastOffered(offered);
    if (!offered) setError(null);
  }

  const reconnect = useCallback(async () => {
    if (pending.current) return;
    pending.current = true;
    const result = await bridge.api.commands['sip:reconnect']({});
    pending.current = false;
    // The new state comes with sip:registration events; only a refusal needs saying here, while the button is offered.
    setError(result.ok || !offeredRef.current ? null : result.error);
  }, [bridge]);

  // Alt+G anywhere in the console while the button is offered (Alt+letter types nothing on our layouts).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (matchLineShortcut(event) !== 'reconnectLine' || !offeredRef.current) return;
      event.preventDefault();
      void reconnect();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [reconnect]);

  const tone = toneOf(line.state);
  const reason = line.status ? lineReasonOf(line.status) : null;
  const code = line.status?.code;
  const words = reason === null ? null : reasonWords(reason);
  const reasonText = words === null || code === undefined ? words : t('statusLine.withCode', { reason: words, code });
  const retryAt = line.state === 'reconnecting' ? line.status?.nextRetryAt : undefined;

  return (
    <li className={`line-status line-status-${tone}`}>
      <span className={`status-dot status-dot-${tone}`} aria-hidden="true" />
      <span className="line-status-text">
        {retryAt !== undefined ? (
          // Keyed by the deadline: each wait starts a fresh countdown.
          <LineRetryText key={retryAt} state={line.state} reasonText={reasonText} retryAt={retryAt} />
        ) : (
          <LineText state={line.state} detail={reasonText} />
        )}
      </span>
      {offered && (
        <button
          type="button"
          className="link-button"
          aria-keyshortcuts={ariaKeyShortcuts('reconnectLine')}
          onClick={() => void reconnect()}
        >
          {t('statusLine.reconnectNow')}
        </button>
      )}
      {/* A refusal matters only while the operator can still press the button. */}
      {error && offered && (
        <span className="inline-error" role="alert">
          {errorText(error)}
        </span>
      )}
    </li>
  );
}

/** "Line: Registration failed — wrong user name or password (SIP code 401)"; the state alone without a detail. */
function LineText({ state, detail }: { state: LineState; detail: string | null }) {
  const { t } = useTranslation();
  const stateText = t(`line.${state}`);
  return detail === null ? t('status.line', { state: stateText }) : t('statusLine.lineWithDetail', { state: stateText, detail });
}

function LineRetryText({ state, reasonText, retryAt }: { state: LineState; reasonText: string | null; retryAt: number }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const now = useNow();
  // Rounded up and at least one second: "in 0 seconds" while still waiting reads like a bug.
  const duration = formatDuration(Math.max(1000, Math.ceil((retryAt - now) / 1000) * 1000), locale, 'short');
  const detail =
    reasonText === null
      ? t('statusLine.retryIn', { duration })
      : t('statusLine.reasonThenRetry', { reason: reasonText, duration });
  return <LineText state={state} detail={detail} />;
}

/** The words for each reason, spelt out so the catalogue check sees every key. */
function useReasonWords(): (reason: ReasonKey) => string {
  const { t } = useTranslation();
  return (reason) => {
    switch (reason) {
      case 'unreachable':
        return t('statusLine.reason.unreachable');
      case 'unreachableSecure':
        return t('statusLine.reason.unreachableSecure');
      case 'connectionLost':
        return t('statusLine.reason.connectionLost');
      case 'allServersFailed':
        return t('statusLine.reason.allServersFailed');
      case 'authFailed':
        return t('statusLine.reason.authFailed');
      case 'forbidden':
        return t('statusLine.reason.forbidden');
      case 'notFound':
        return t('statusLine.reason.notFound');
      case 'serverError':
        return t('statusLine.reason.serverError');
      case 'rejected':
        return t('statusLine.reason.rejected');
      case 'timeout':
        return t('statusLine.reason.timeout');
      case 'registrationLost':
        return t('statusLine.reason.registrationLost');
      case 'stopped':
        return t('statusLine.reason.stopped');
    }
  };
}
