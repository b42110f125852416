// The Settings dialog (Ctrl+,): every setting from settings:get, grouped, with its source and lock,
// plus what IT needs when helping over the phone (version, data folder, provisioning file). Runs in Chromium.
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../bridge/BridgeContext.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { formatNumber } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { keysInGroup, settingGroups, type SettingGroup } from '../settings/settingEditors.js';
import { Dialog } from './Dialog.js';
import { SettingRow } from './SettingRow.js';
import { SipPasswordRow } from './SipPasswordRow.js';
import { useErrorText } from './useErrorText.js';

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { settings, loading, error } = useSettings();
  const errorText = useErrorText();

  let body;
  if (settings) {
    body = settingGroups.map((group) => <SettingsGroup key={group} group={group} />);
  } else if (error) {
    body = (
      <p className="inline-error" role="alert">
        {errorText(error)}
      </p>
    );
  } else {
    body = <p className="muted">{loading ? t('settings.loading') : t('errors.unavailable')}</p>;
  }

  return (
    <Dialog title={t('settings.title')} onClose={onClose} className="settings-dialog">
      {body}
      {settings && (
        <p className="muted provisioning-file">
          {settings.provisioningFile
            ? t('settings.provisioningFile', { path: settings.provisioningFile })
            : t('settings.noProvisioningFile')}
        </p>
      )}
      <AboutSection />
    </Dialog>
  );
}

function SettingsGroup({ group }: { group: SettingGroup }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const headingId = useId();
  const keys = keysInGroup(group);
  const rows = (settings?.settings ?? []).filter((setting) => keys.includes(setting.key));
  if (rows.length === 0) return null;
  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h3 id={headingId} className="settings-group-title">
        {t(`settings.groups.${group}`)}
      </h3>
      {rows.map((setting) => (
        <SettingRow key={setting.key} setting={setting} />
      ))}
      {group === 'sip' && <SipPasswordRow />}
    </section>
  );
}

function AboutSection() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const headingId = useId();
  const info = useCommand('app:info');
  const { run } = info;
  useEffect(() => {
    void run({});
  }, [run]);

  if (!info.value) return null;
  const app = info.value;
  return (
    <section className="settings-group about" aria-labelledby={headingId}>
      <h3 id={headingId} className="settings-group-title">
        {t('about.title')}
      </h3>
      <dl className="about-list">
        <dt>{t('about.version')}</dt>
        <dd>{app.version}</dd>
        <dt>{t('about.mode')}</dt>
        <dd>{t(`about.modes.${app.mode}`)}</dd>
        <dt>{t('about.dataDir')}</dt>
        <dd className="path">{app.dataDir}</dd>
        <dt>{t('about.database')}</dt>
        <dd className="path">{app.database.path}</dd>
        <dt>{t('about.schemaVersion')}</dt>
        <dd>{formatNumber(app.database.schemaVersion, locale)}</dd>
      </dl>
    </section>
  );
}
