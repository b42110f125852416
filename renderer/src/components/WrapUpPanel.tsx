// Wrap-up panel (right): the form that files a call's outcome. Empty until a call has ended. Runs in Chromium.
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState.js';
import { ChecklistIcon } from './Icons.js';

export function WrapUpPanel() {
  const { t } = useTranslation();
  return (
    <EmptyState icon={<ChecklistIcon width="32" height="32" />} title={t('wrapUp.emptyTitle')}>
      {t('wrapUp.emptyBody')}
    </EmptyState>
  );
}
