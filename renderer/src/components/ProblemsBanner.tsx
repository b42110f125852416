// Warns that the provisioning file has problems (bad or unknown fields were skipped), naming file and
// field so IT can fix it. Dismissible; reappears if the list of problems changes. Runs in Chromium.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../bridge/SettingsContext.js';
import { CloseIcon, WarningIcon } from './Icons.js';

export function ProblemsBanner() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const titleId = useId();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const problems = settings?.problems ?? [];
  const signature = JSON.stringify(problems);
  if (problems.length === 0 || dismissed === signature) return null;

  return (
    <section className="banner banner-warning" aria-labelledby={titleId}>
      <WarningIcon width="20" height="20" />
      <div className="banner-content">
        <h2 id={titleId} className="banner-title">
          {t('problems.title', { count: problems.length })}
        </h2>
        <p className="banner-text">{t('problems.explanation')}</p>
        <ul className="banner-list">
          {problems.map((problem, index) => (
            <li key={index}>{t('problems.item', { file: problem.file, field: problem.field, message: problem.message })}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="icon-button" aria-label={t('problems.dismiss')} onClick={() => setDismissed(signature)}>
        <CloseIcon />
      </button>
    </section>
  );
}
