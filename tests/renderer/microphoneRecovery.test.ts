// A call's microphone that stops mid-call (renderer/src/media/microphoneRecovery.ts): which devices the engine
// tries in its place, which calls need a new one, and what the operator reads — in the catalogue's own words,
// the "System default" microphone included (it used to go silent without a word). vitest + happy-dom.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n/i18n.js';
import {
  microphoneCandidates,
  microphoneConstraint,
  microphoneNotice,
  needsNewMicrophone,
  type MicrophoneEvent,
} from '../../renderer/src/media/microphoneRecovery.js';

const jabra = { id: 'in-jabra', label: 'Jabra Evolve2 40' };

const reopened = (overrides: Partial<Extract<MicrophoneEvent, { kind: 'reopened' }>>): MicrophoneEvent => ({
  kind: 'reopened',
  chosenDeviceId: '',
  deviceId: '',
  label: 'Built-in Microphone',
  previousLabel: 'Jabra Evolve2 40',
  afterOutage: false,
  ...overrides,
});

describe('which microphone replaces one that stopped', () => {
  it('tries the chosen device first, then the system default; with the default chosen, the default only', () => {
    expect(microphoneCandidates('in-jabra')).toEqual(['in-jabra', '']);
    expect(microphoneCandidates('')).toEqual(['']);
    expect(microphoneConstraint('in-jabra')).toEqual({ deviceId: { exact: 'in-jabra' } });
    expect(microphoneConstraint('')).toBe(true);
  });

  it('reopens only a track that has ended, not a call that has none yet', () => {
    expect(needsNewMicrophone({ readyState: 'ended' })).toBe(true);
    expect(needsNewMicrophone({ readyState: 'live' })).toBe(false);
    expect(needsNewMicrophone(null)).toBe(false);
    expect(needsNewMicrophone(undefined)).toBe(false);
  });
});

describe('what the operator reads', () => {
  const i18n = createI18n('en');
  const say = async (event: MicrophoneEvent, choice: typeof jabra | null, language = 'en') => {
    await i18n.loadLanguages(language);
    const plan = microphoneNotice(event, choice);
    const message = i18n.getFixedT(language)(plan.key, { device: plan.devices.device, previous: plan.devices.previous });
    return { level: plan.level, code: plan.code, message };
  };

  it('names both microphones when the system default one stops and another default takes over', async () => {
    expect(await say(reopened({}), null)).toEqual({
      level: 'warning',
      code: 'audio.microphoneSwitched',
      message: 'Microphone “Jabra Evolve2 40” stopped: calls now use the system default microphone, “Built-in Microphone”.',
    });
    expect((await say(reopened({}), null, 'tr')).message).toBe(
      '“Jabra Evolve2 40” mikrofonu durdu: görüşmeler artık sistemin varsayılan mikrofonunu, “Built-in Microphone”, kullanıyor.',
    );
    expect((await say(reopened({}), null, 'ru')).message).toBe(
      'Микрофон «Jabra Evolve2 40» перестал работать: звонки идут через микрофон системы по умолчанию «Built-in Microphone».',
    );
  });

  it('says a chosen microphone is missing with the same words and code as the device list does', async () => {
    const event = reopened({ chosenDeviceId: 'in-jabra', deviceId: '', previousLabel: 'Jabra (old label)' });
    expect(await say(event, jabra)).toEqual({
      level: 'warning',
      code: 'audio.deviceMissing',
      message: 'Microphone “Jabra Evolve2 40” is not connected: the system default microphone is used.',
    });
  });

  it('says the same device was reopened when the default comes back as itself, or the chosen one still opens', async () => {
    const same = reopened({ label: 'Built-in Microphone', previousLabel: 'Built-in Microphone' });
    expect(await say(same, null)).toEqual({
      level: 'info',
      code: 'audio.microphoneReopened',
      message: 'The microphone stopped and was opened again: “Built-in Microphone” is in use.',
    });
    const chosen = reopened({ chosenDeviceId: 'in-jabra', deviceId: 'in-jabra', label: 'Jabra Evolve2 40' });
    expect((await say(chosen, jabra)).code).toBe('audio.microphoneReopened');
  });

  it('says clearly when no microphone opens, and which one is back afterwards', async () => {
    expect(await say({ kind: 'unavailable', previousLabel: 'Jabra Evolve2 40' }, null)).toEqual({
      level: 'error',
      code: 'audio.microphoneUnavailable',
      message:
        'No microphone can be opened: callers cannot hear you. Plug in a microphone or headset; AgentDesk starts using it at once.',
    });
    expect(await say(reopened({ afterOutage: true, label: 'USB Headset' }), null)).toEqual({
      level: 'info',
      code: 'audio.deviceBack',
      message: '“USB Headset” is connected again and in use.',
    });
  });
});
