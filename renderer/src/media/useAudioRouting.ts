// Applies the audio settings to the media engine and the ringer, and follows devices as they come and go:
// the chosen microphone and headset carry the call, an inbound call rings on the ringer output and (softer)
// in the headset, a second call waits with a quiet tone in the headset only, and a chosen device that is
// unplugged falls back to the system default with a notice (and comes back when replugged). A microphone that
// stops mid-call, the system default included, is reopened by the engine and announced here. Runs in Chromium.
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';
import { settingValue, type AudioDeviceChoice, type SettingKey } from '../../../electron/shared/settings.js';
import { useSettings } from '../bridge/SettingsContext.js';
import { showLocalNotice } from '../notices/localNotices.js';
import { useSoftphoneNow } from '../softphone/useSoftphone.js';
import { resolveDevice, useAudioDevices } from './audioDevices.js';
import type { MediaEngine } from './mediaEngine.js';
import { microphoneNotice } from './microphoneRecovery.js';
import type { RingKind, RingOutput, Ringer } from './ringer.js';

type DeviceRole = 'microphone' | 'headsetOutput' | 'ringerOutput';

/** The call-waiting beep must reach the operator even with the headset ring volume at 0. */
const minimumWaitingVolume = 0.15;

export function useAudioRouting(engine: MediaEngine | null, ringer: Ringer | null): void {
  const { settings } = useSettings();
  const { calls } = useSoftphoneNow();
  const devices = useAudioDevices();
  const choice = (key: SettingKey & `audio.${DeviceRole}`) => (settings ? settingValue(settings, key) : null);
  const number = (key: 'audio.ringerVolume' | 'audio.headsetRingVolume') => (settings ? settingValue(settings, key) : 0) / 100;

  // Until the device list is known every choice would look unplugged: resolve against it only then.
  const known = devices ?? [];
  const microphone = resolveDevice(choice('audio.microphone'), known, 'audioinput');
  const headset = resolveDevice(choice('audio.headsetOutput'), known, 'audiooutput');
  const ringerOutput = resolveDevice(choice('audio.ringerOutput'), known, 'audiooutput');
  const devicesKnown = devices !== null;

  useEffect(() => {
    if (!engine || !devicesKnown) return;
    void engine
      .setInputDevice(microphone.deviceId)
      .catch((error: unknown) => console.warn('[audio] microphone switch failed', error));
    void engine.setOutputDevice(headset.deviceId);
  }, [engine, devicesKnown, microphone.deviceId, headset.deviceId]);

  // The chosen microphone's label once its absence was announced (by the device list or by the engine reopening
  // the default mid-call), so the operator reads it once.
  const announcedMissingMicrophone = useRef<string | null>(null);
  useMicrophoneNotices(engine, choice('audio.microphone'), announcedMissingMicrophone);
  useMissingDeviceNotice('microphone', devicesKnown ? microphone.missing : null, announcedMissingMicrophone);
  useMissingDeviceNotice('headsetOutput', devicesKnown ? headset.missing : null);
  useMissingDeviceNotice('ringerOutput', devicesKnown ? ringerOutput.missing : null);

  // While an inbound call rings (and is being answered) the microphone is opened ahead, for the answer to take;
  // it closes again if the call stops ringing unanswered (mediaEngine.ts prepareMicrophone).
  const answerExpected = microphoneWanted(calls, settings ? settingValue(settings, 'audio.microphoneWhileRinging') : true);
  useEffect(() => {
    if (!engine) return;
    if (!answerExpected) {
      engine.releasePreparedMicrophone();
      return;
    }
    return afterCurrentTask(() => engine.prepareMicrophone());
  }, [engine, answerExpected]);

  const ringingCall = calls.find((call) => call.state === 'ringing' && call.direction === 'inbound');
  const ringKind: RingKind | null = ringingCall ? (ringingCall.callWaiting ? 'waiting' : 'incoming') : null;
  const ringOnHeadset = settings ? settingValue(settings, 'audio.ringOnHeadset') : true;
  const ringerVolume = number('audio.ringerVolume');
  const headsetRingVolume = number('audio.headsetRingVolume');
  const outputs = useMemo((): RingOutput[] => {
    if (ringKind === 'waiting')
      return [{ deviceId: headset.deviceId, volume: Math.max(headsetRingVolume, minimumWaitingVolume) }];
    if (ringKind === null) return [];
    return [
      { deviceId: ringerOutput.deviceId, volume: ringerVolume },
      ...(ringOnHeadset ? [{ deviceId: headset.deviceId, volume: headsetRingVolume }] : []),
    ];
  }, [ringKind, headset.deviceId, ringerOutput.deviceId, ringerVolume, headsetRingVolume, ringOnHeadset]);

  useEffect(() => {
    if (!ringer) return;
    if (ringKind === null) {
      ringer.stop();
      return;
    }
    // Started in a task of its own, once React has committed the ringing call: starting the ring (audio graph,
    // output elements) inside the commit would hold up the frame that shows the call.
    return afterCurrentTask(() => void ringer.ring(ringKind, outputs));
  }, [ringer, ringKind, outputs]);
}

/**
 * Runs `run` in a new task (a MessageChannel message: unlike a timer it is not throttled in a hidden window,
 * where the ring must still start at once); the returned function cancels it if it has not run yet.
 */
function afterCurrentTask(run: () => void): () => void {
  if (typeof MessageChannel === 'undefined') {
    run();
    return () => {};
  }
  const channel = new MessageChannel();
  let cancelled = false;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) run();
  };
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
}

/** Tells the operator what the engine did when a call's microphone stopped (microphoneRecovery.ts decides). */
function useMicrophoneNotices(
  engine: MediaEngine | null,
  choice: AudioDeviceChoice | null,
  announcedMissingRef: RefObject<string | null>,
): void {
  const { t } = useTranslation();
  const latestRef = useRef({ choice, t });
  useEffect(() => {
    latestRef.current = { choice, t };
  }, [choice, t]);
  useEffect(() => {
    if (!engine) return;
    return engine.onMicrophoneEvent((event) => {
      const { choice: chosen, t: translate } = latestRef.current;
      const plan = microphoneNotice(event, chosen);
      if (plan.code === 'audio.deviceMissing') {
        if (announcedMissingRef.current === plan.devices.device) return;
        announcedMissingRef.current = plan.devices.device ?? '';
      }
      const named = (label: string | undefined) => label || translate('audio.unnamedDevice');
      const message = translate(plan.key, { device: named(plan.devices.device), previous: named(plan.devices.previous) });
      showLocalNotice({ level: plan.level, code: plan.code, message });
    });
  }, [engine, announcedMissingRef]);
}

/**
 * Tells the operator once when a chosen device goes missing, and once when it is back. `announcedRef` (the
 * microphone's) is shared with useMicrophoneNotices, which may have said it first.
 */
function useMissingDeviceNotice(
  role: DeviceRole,
  missing: AudioDeviceChoice | null,
  announcedRef?: RefObject<string | null>,
): void {
  const { t } = useTranslation();
  const previous = useRef<AudioDeviceChoice | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = missing;
    if (missing && missing.label !== before?.label) {
      const already = announcedRef?.current === missing.label;
      if (announcedRef) announcedRef.current = missing.label;
      if (already) return;
      showLocalNotice({
        level: 'warning',
        code: 'audio.deviceMissing',
        message: t(`audio.missing.${role}`, { device: missing.label || t('audio.unnamedDevice') }),
      });
    } else if (!missing && before) {
      if (announcedRef) announcedRef.current = null;
      showLocalNotice({
        level: 'info',
        code: 'audio.deviceBack',
        message: t('audio.back', { device: before.label || t('audio.unnamedDevice') }),
      });
    }
  }, [missing, role, t, announcedRef]);
}

/**
 * Whether the microphone should be open ahead of an answer: an inbound call is ringing or being answered, and
 * the operator lets it open while calls ring (`audio.microphoneWhileRinging`). Off, the answer opens it.
 */
export function microphoneWanted(calls: readonly Pick<CallView, 'direction' | 'state'>[], whileRinging: boolean): boolean {
  return (
    whileRinging &&
    calls.some((call) => call.direction === 'inbound' && (call.state === 'ringing' || call.state === 'connecting'))
  );
}
