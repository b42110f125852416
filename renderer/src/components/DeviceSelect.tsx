// A select of the audio devices connected now, for the Settings dialog. "System default" first; a chosen
// device that is unplugged stays listed as "(not connected)" so the choice is not lost. Runs in Chromium.
import { useTranslation } from 'react-i18next';
import type { AudioDeviceChoice } from '../../../electron/shared/settings.js';
import { resolveDevice, selectableDevices, useAudioDevices, type AudioDeviceKind } from '../media/audioDevices.js';

interface DeviceSelectProps {
  id: string;
  disabled: boolean;
  deviceKind: AudioDeviceKind;
  value: AudioDeviceChoice | null;
  onChoose(choice: AudioDeviceChoice | null): void;
  'aria-describedby': string;
  'aria-invalid': true | undefined;
}

export function DeviceSelect({ deviceKind, value, onChoose, ...control }: DeviceSelectProps) {
  const { t } = useTranslation();
  const devices = useAudioDevices() ?? [];
  const options = selectableDevices(devices, deviceKind);
  const resolved = resolveDevice(value, devices, deviceKind);
  const selected = value === null ? '' : resolved.missing ? value.id : resolved.deviceId;
  const nameOf = (label: string, index: number) => label || `${t('audio.unnamedDevice')} ${index + 1}`;
  return (
    <select
      {...control}
      value={selected}
      onChange={(event) => {
        const id = event.target.value;
        if (id === '') return onChoose(null);
        const device = options.find((option) => option.deviceId === id);
        onChoose(device ? { id: device.deviceId, label: device.label } : value);
      }}
    >
      <option value="">{t('audio.systemDefault')}</option>
      {options.map((device, index) => (
        <option key={device.deviceId} value={device.deviceId}>
          {nameOf(device.label, index)}
        </option>
      ))}
      {value && resolved.missing && (
        <option value={value.id}>{t('audio.notConnected', { device: value.label || t('audio.unnamedDevice') })}</option>
      )}
    </select>
  );
}
