// What happens when the microphone of a live call stops (headset unplugged, the system default changed, a driver
// reset): which devices to try in its place, and what the operator is told. Pure decisions; mediaEngine.ts acts on
// them and useAudioRouting.ts shows the notices. Runs in Chromium (and in unit tests).
import type { AudioDeviceChoice } from '../../../electron/shared/settings.js';

/** What the media engine reports about the calls' microphone (MediaEngine.onMicrophoneEvent). */
export type MicrophoneEvent =
  | {
      kind: 'reopened';
      /** The device the operator's choice resolves to ('' = the system default). */
      chosenDeviceId: string;
      /** The device that opened: the chosen one, or '' when only the default would open. */
      deviceId: string;
      /** The product names of the microphone now in use and of the one that stopped (may be empty). */
      label: string;
      previousLabel: string;
      /** No microphone could be opened for a while before this one ('unavailable' was reported). */
      afterOutage: boolean;
    }
  | {
      /** Nothing would open: the calls send silence until a device is plugged in (the engine retries then). */
      kind: 'unavailable';
      previousLabel: string;
    };

/** The devices to try in order: the chosen microphone while it may still be there, then the system default. */
export function microphoneCandidates(chosenDeviceId: string): string[] {
  return chosenDeviceId === '' ? [''] : [chosenDeviceId, ''];
}

/** getUserMedia's audio constraint for a device ('' = whatever the system uses by default). */
export function microphoneConstraint(deviceId: string): MediaTrackConstraints | true {
  return deviceId === '' ? true : { deviceId: { exact: deviceId } };
}

/**
 * Whether a microphone must be reopened for a call: it sends (or mixes) a track and that track has ended. A call
 * without a track yet (before its first offer or answer) gets a fresh microphone when sip.js asks for one.
 */
export function needsNewMicrophone(track: Pick<MediaStreamTrack, 'readyState'> | null | undefined): boolean {
  return track?.readyState === 'ended';
}

/** A notice as useAudioRouting shows it: catalogue key and values (device names still raw: '' = unnamed). */
export interface MicrophoneNoticePlan {
  level: 'info' | 'warning' | 'error';
  code: string;
  key:
    | 'audio.back'
    | 'audio.missing.microphone'
    | 'softphoneInput.microphone.switched'
    | 'softphoneInput.microphone.reopened'
    | 'softphoneInput.microphone.unavailable';
  devices: { device?: string; previous?: string };
}

/**
 * What the operator reads after a microphone event. A chosen microphone replaced by the default says so with the
 * same words (and code) as a chosen device found missing in the device list, so the two paths announce it once.
 */
export function microphoneNotice(event: MicrophoneEvent, choice: AudioDeviceChoice | null): MicrophoneNoticePlan {
  if (event.kind === 'unavailable') {
    return { level: 'error', code: 'audio.microphoneUnavailable', key: 'softphoneInput.microphone.unavailable', devices: {} };
  }
  if (event.afterOutage) {
    return { level: 'info', code: 'audio.deviceBack', key: 'audio.back', devices: { device: event.label } };
  }
  if (event.chosenDeviceId !== '' && event.deviceId === '') {
    return {
      level: 'warning',
      code: 'audio.deviceMissing',
      key: 'audio.missing.microphone',
      devices: { device: choice?.label || event.previousLabel },
    };
  }
  if (event.chosenDeviceId === '' && event.label !== event.previousLabel) {
    return {
      level: 'warning',
      code: 'audio.microphoneSwitched',
      key: 'softphoneInput.microphone.switched',
      devices: { previous: event.previousLabel, device: event.label },
    };
  }
  return {
    level: 'info',
    code: 'audio.microphoneReopened',
    key: 'softphoneInput.microphone.reopened',
    devices: { device: event.label },
  };
}
