// Wrap-up panel (right): due callbacks with the customer's card, then the open wrap-up form — opened by an
// answered call or by the operator, reopened after a reload — or, without one, what happened last and the
// unfinished drafts to go back to. Runs in Chromium. The session lives in workflow/WrapUpDraftContext.tsx.
import { useTranslation } from 'react-i18next';
import { formatTime } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { labelIn } from '../../../electron/shared/workflow.js';
import { CallbacksDue } from '../workflow/CallbacksDue.js';
import { useWrapUpSession, type WrapUpNotice } from '../workflow/WrapUpDraftContext.js';
import { WrapUpForm } from '../workflow/WrapUpForm.js';
import { EmptyState } from './EmptyState.js';
import { ChecklistIcon } from './Icons.js';
import { useErrorText } from './useErrorText.js';

export function WrapUpPanel() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const session = useWrapUpSession();
  const { draft, drafts } = session;

  return (
    <div className="wrapup">
      <CallbacksDue />
      {session.notice && <Notice notice={session.notice} onDismiss={session.dismissNotice} />}
      {draft ? (
        <WrapUpForm key={draft.id} />
      ) : (
        <>
          <EmptyState icon={<ChecklistIcon width="32" height="32" />} title={t('wrapUp.emptyTitle')}>
            {t('wrapUp.emptyBody')}
          </EmptyState>
          <div className="wrapup-actions">
            <button type="button" className="button" onClick={() => void session.startWithoutCall()}>
              {t('wrapUpForm.startWithoutCall')}
            </button>
          </div>
          {drafts.length > 0 && (
            <nav aria-label={t('wrapUpForm.unfinished')} className="wrapup-drafts">
              <h3>{t('wrapUpForm.unfinished')}</h3>
              <ul>
                {drafts.map((summary) => {
                  const party =
                    summary.customerName || summary.call?.displayName || summary.call?.number || t('wrapUpForm.titleNoCall');
                  const disposition = session.dispositions.find((d) => d.code === summary.disposition);
                  return (
                    <li key={summary.id}>
                      <button type="button" className="link-button" onClick={() => void session.openDraft(summary.id)}>
                        {t('wrapUpForm.draftOption', { party, time: formatTime(summary.updatedAt, locale) })}
                      </button>
                      {disposition && <span className="wrapup-hint"> {labelIn(disposition.label, locale)}</span>}
                    </li>
                  );
                })}
              </ul>
            </nav>
          )}
        </>
      )}
    </div>
  );
}

function Notice({ notice, onDismiss }: { notice: WrapUpNotice; onDismiss: () => void }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const errorText = useErrorText();
  const { dispositions } = useWrapUpSession();
  const dispositionName = (code: string) => {
    const found = dispositions.find((d) => d.code === code);
    return found ? labelIn(found.label, locale) : code;
  };
  const text = (() => {
    switch (notice.kind) {
      case 'filed':
        return t('wrapUpForm.notices.filed', { disposition: dispositionName(notice.disposition) });
      case 'defaultFiled':
        return t('wrapUpForm.notices.defaultFiled', { disposition: dispositionName(notice.disposition) });
      case 'discarded':
        return t('wrapUpForm.notices.discarded');
      case 'replaced':
        return t('wrapUpForm.notices.replaced');
      case 'gone':
        return t('wrapUpForm.notices.gone');
      case 'error':
        return errorText(notice.error);
    }
  })();
  return (
    <div className={`notice ${notice.kind === 'error' ? 'notice-error' : ''} wrapup-notice`} role="status">
      <p className="notice-text">{text}</p>
      <button type="button" className="link-button" onClick={onDismiss}>
        {t('wrapUpForm.notices.dismiss')}
      </button>
    </div>
  );
}
