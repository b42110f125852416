// The headset.device editor in the Settings dialog: "First telephony headset" ('') and the telephony headsets
// core sees now (headset:devices). A saved headset that is unplugged stays listed as "not connected", so the
// choice is not lost. The list is asked again when the headset status changes and when the select gets the
// focus (a second headset of another model changes no status). Runs in Chromium.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand, useEvent } from '../bridge/BridgeContext.js';

interface SettingHeadsetSelectProps {
  id: string;
  disabled: boolean;
  /** The setting's value: '' or `vvvv:pppp` (hex, any case). */
  value: string;
  onChoose(id: string): void;
  'aria-describedby': string;
  'aria-invalid': true | undefined;
}

export function SettingHeadsetSelect({ value, onChoose, ...control }: SettingHeadsetSelectProps) {
  const { t } = useTranslation();
  const { run, value: listed } = useCommand('headset:devices');
  const refresh = () => void run({});
  useEffect(() => {
    void run({});
  }, [run]);
  useEvent('headset:changed', refresh);

  const devices = listed?.devices ?? [];
  const saved = value.toLowerCase();
  const missing = saved !== '' && !devices.some((device) => device.id === saved);
  return (
    <select {...control} value={saved} onFocus={refresh} onChange={(event) => onChoose(event.target.value)}>
      <option value="">{t('settingsEditors.headset.first')}</option>
      {devices.map((device) => (
        <option key={device.id} value={device.id}>
          {t('settingsEditors.headset.device', { product: device.product || device.id, id: device.id })}
        </option>
      ))}
      {missing && <option value={saved}>{t('settingsEditors.headset.notConnected', { id: saved })}</option>}
    </select>
  );
}
