// Shows `app:notice` events (a failed shortcut registration, a setting problem, …) and the page's own
// notices (renderer/src/notices) as dismissible messages. A live region, so screen readers announce them as
// they arrive. Runs in Chromium.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../electron/shared/ipc/contract.js';
import { useEvent } from '../bridge/BridgeContext.js';
import { formatTime } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { onLocalNotice } from '../notices/localNotices.js';
import { CloseIcon } from './Icons.js';

interface Notice extends EventPayload<'app:notice'> {
  id: number;
  receivedAt: number;
}

/** Old notices scroll away: five on screen is already a lot for someone on a call. */
const maxNotices = 5;
let nextNoticeId = 1;

export function NoticeArea() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [notices, setNotices] = useState<Notice[]>([]);

  const add = useCallback((payload: EventPayload<'app:notice'>) => {
    setNotices((current) => [...current, { ...payload, id: nextNoticeId++, receivedAt: Date.now() }].slice(-maxNotices));
  }, []);
  useEvent('app:notice', add);
  useEffect(() => onLocalNotice(add), [add]);

  return (
    <div className="notices" aria-live="polite" aria-relevant="additions">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.level}`}>
          <p className="notice-text">
            <span className="notice-meta">
              {t('notices.meta', { level: t(`notices.levels.${notice.level}`), time: formatTime(notice.receivedAt, locale) })}
            </span>
            {notice.message}
          </p>
          <button
            type="button"
            className="icon-button"
            aria-label={t('notices.dismiss')}
            onClick={() => setNotices((current) => current.filter((n) => n.id !== notice.id))}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
