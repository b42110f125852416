// When the microphone opens ahead of an answer (renderer/src/media/useAudioRouting.ts microphoneWanted): while an
// inbound call rings or is being answered, unless the operator turned `audio.microphoneWhileRinging` off —
// then nothing opens it before the answer does (no microphone-in-use light while calls ring).
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../electron/shared/ipc/softphone.js';
import { settingDefinitions } from '../../electron/shared/settings.js';
import { microphoneWanted } from '../../renderer/src/media/useAudioRouting.js';

const call = (direction: CallView['direction'], state: CallView['state']) => ({ direction, state });

describe('the microphone ahead of an answer', () => {
  it('opens while an inbound call rings or is being answered, by default', () => {
    expect(settingDefinitions['audio.microphoneWhileRinging'].builtin).toBe(true);
    expect(microphoneWanted([call('inbound', 'ringing')], true)).toBe(true);
    expect(microphoneWanted([call('inbound', 'connecting')], true)).toBe(true);
    expect(microphoneWanted([call('inbound', 'active'), call('inbound', 'ringing')], true)).toBe(true);
  });

  it('stays closed for outbound calls, connected calls and no calls', () => {
    expect(microphoneWanted([], true)).toBe(false);
    expect(microphoneWanted([call('outbound', 'dialing'), call('outbound', 'ringback')], true)).toBe(false);
    expect(microphoneWanted([call('inbound', 'active'), call('inbound', 'held'), call('inbound', 'ended')], true)).toBe(false);
  });

  it('never opens ahead when the operator turned it off', () => {
    expect(microphoneWanted([call('inbound', 'ringing')], false)).toBe(false);
    expect(microphoneWanted([call('inbound', 'connecting')], false)).toBe(false);
  });
});
