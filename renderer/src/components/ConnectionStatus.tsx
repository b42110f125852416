// The bridge connection as the operator sees it, with a "Retry now" while waiting to reconnect.
// Runs in Chromium.
import { useTranslation } from 'react-i18next';
import { useBridge, useConnection } from '../bridge/BridgeContext.js';
import { formatDuration } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { useNow } from './useNow.js';

export function ConnectionStatus() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const connection = useConnection();

  let text;
  let tone: 'ok' | 'warning' | 'error';
  switch (connection.status) {
    case 'connected':
      text = t('connection.connected');
      tone = 'ok';
      break;
    case 'connecting':
      text = t('connection.connecting');
      tone = 'warning';
      break;
    case 'reconnecting':
      // Keyed by the deadline: each wait starts a fresh countdown.
      text = <RetryCountdown key={connection.retryAt} retryAt={connection.retryAt} />;
      tone = 'error';
      break;
    case 'refused':
      text = t(connection.code === 'too_large' ? 'connection.tooLarge' : 'connection.refused');
      tone = 'error';
      break;
    case 'missing-token':
      text = t('connection.missingToken');
      tone = 'error';
      break;
  }

  return (
    <span className="connection-status">
      <span className={`status-dot status-dot-${tone}`} aria-hidden="true" />
      {typeof text === 'string' ? t('status.connection', { state: text }) : text}
      {connection.status === 'reconnecting' && (
        <button type="button" className="link-button" onClick={() => bridge.retryNow()}>
          {t('connection.retryNow')}
        </button>
      )}
    </span>
  );
}

function RetryCountdown({ retryAt }: { retryAt: number }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const now = useNow();
  // Rounded up and at least one second: "in 0 seconds" while still waiting reads like a bug.
  const remaining = Math.max(1000, Math.ceil((retryAt - now) / 1000) * 1000);
  return t('status.connection', {
    state: t('connection.reconnecting', { duration: formatDuration(remaining, locale, 'short') }),
  });
}
