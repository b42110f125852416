// Which real device a remembered audio choice means now, and the list of devices for the Settings dialog.
// Runs in Chromium.
import { useEffect, useState } from 'react';
import type { AudioDeviceChoice } from '../../../electron/shared/settings.js';

export type AudioDeviceKind = 'audioinput' | 'audiooutput';

export interface AudioDevice {
  deviceId: string;
  label: string;
  kind: AudioDeviceKind;
}

export interface ResolvedDevice {
  /** The id to use; '' = the system default. */
  deviceId: string;
  /** The operator's choice when it is not connected now (the default is used meanwhile). */
  missing: AudioDeviceChoice | null;
}

/** Chromium's pseudo-devices that follow the system's choice: they are what "System default" means. */
const followsSystem = (deviceId: string) => deviceId === '' || deviceId === 'default' || deviceId === 'communications';

/**
 * The device for a choice: same id (and kind), else the same label (ids change across USB ports and cleared
 * site data; the product name does not), else the default, reported as missing.
 */
export function resolveDevice(choice: AudioDeviceChoice | null, devices: readonly AudioDevice[], kind: AudioDeviceKind): ResolvedDevice {
  if (!choice || followsSystem(choice.id)) return { deviceId: '', missing: null };
  const ofKind = devices.filter((device) => device.kind === kind);
  const byId = ofKind.find((device) => device.deviceId === choice.id);
  if (byId) return { deviceId: byId.deviceId, missing: null };
  const byLabel = choice.label ? ofKind.find((device) => device.label === choice.label) : undefined;
  if (byLabel) return { deviceId: byLabel.deviceId, missing: null };
  return { deviceId: '', missing: choice };
}

/** Real devices of a kind, without the "default"/"communications" aliases (shown once as "System default"). */
export function selectableDevices(devices: readonly AudioDevice[], kind: AudioDeviceKind): AudioDevice[] {
  return devices.filter((device) => device.kind === kind && !followsSystem(device.deviceId));
}

async function listDevices(): Promise<AudioDevice[]> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return all
    .filter((device): device is MediaDeviceInfo & { kind: AudioDeviceKind } => device.kind === 'audioinput' || device.kind === 'audiooutput')
    .map((device) => ({ deviceId: device.deviceId, label: device.label, kind: device.kind }));
}

/**
 * The audio devices, kept current on plug and unplug. null until the first answer, and always null where
 * the page has no media devices (unit tests). Labels are empty until the microphone was allowed once.
 */
export function useAudioDevices(): AudioDevice[] | null {
  const [devices, setDevices] = useState<AudioDevice[] | null>(null);
  useEffect(() => {
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media || typeof media.enumerateDevices !== 'function') return;
    let current = true;
    const refresh = () =>
      void listDevices()
        .then((list) => current && setDevices(list))
        .catch(() => current && setDevices([]));
    refresh();
    media.addEventListener('devicechange', refresh);
    return () => {
      current = false;
      media.removeEventListener('devicechange', refresh);
    };
  }, []);
  return devices;
}
