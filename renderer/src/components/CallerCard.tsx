// Caller card panel (left): who is calling and their history. Until calls exist it says so. Runs in Chromium.
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState.js';
import { PersonIcon } from './Icons.js';

export function CallerCard() {
  const { t } = useTranslation();
  return (
    <EmptyState icon={<PersonIcon width="32" height="32" />} title={t('callerCard.emptyTitle')}>
      {t('callerCard.emptyBody')}
    </EmptyState>
  );
}
