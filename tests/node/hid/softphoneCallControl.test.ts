// The bridge from headset/hotkey call control to the softphone (vitest, Node): the headset's view of a call
// list, and which call each action touches. The softphone is a recording fake with SipService's method names.
import { describe, expect, it } from 'vitest';
import {
  headsetCallStateOf,
  SoftphoneCallControl,
  type SoftphoneCalls,
} from '../../../electron/core/hid/softphoneCallControl.js';
import type { CallView } from '../../../electron/shared/ipc/softphone.js';

let nextAt = 1_700_000_000_000;
function call(id: string, state: CallView['state'], overrides: Partial<CallView> = {}): CallView {
  nextAt += 1000;
  return {
    id,
    line: 1,
    direction: 'inbound',
    state,
    remoteUri: `sip:${id}@pbx.example.com`,
    remoteUser: id,
    displayName: '',
    callWaiting: false,
    muted: false,
    remoteHold: false,
    invitedAt: nextAt,
    at: nextAt,
    ...(state === 'active' || state === 'held' ? { answeredAt: nextAt } : {}),
    ...overrides,
  };
}

class FakePhone implements SoftphoneCalls {
  readonly done: string[] = [];
  constructor(public calls: CallView[]) {}
  listCalls() {
    return this.calls;
  }
  private record = (entry: string) => {
    this.done.push(entry);
    return Promise.resolve();
  };
  answer = (id: string) => this.record(`answer ${id}`);
  decline = (id: string) => this.record(`decline ${id}`);
  hangup = (id: string) => this.record(`hangup ${id}`);
  hold = (id: string) => this.record(`hold ${id}`);
  resume = (id: string) => this.record(`resume ${id}`);
  mute = (id: string, muted: boolean) => this.record(`mute ${id} ${muted}`);
  dial = (target: string) => this.record(`dial ${target}`);
}

describe('headsetCallStateOf', () => {
  it('maps the softphone call list to what the headset shows', () => {
    expect(headsetCallStateOf([])).toEqual({ phase: 'idle' });
    expect(headsetCallStateOf([call('a', 'ended')])).toEqual({ phase: 'idle' });
    expect(headsetCallStateOf([call('a', 'ringing')])).toEqual({ phase: 'ringing' });
    expect(headsetCallStateOf([call('a', 'dialing', { direction: 'outbound' })])).toEqual({ phase: 'dialing' });
    expect(headsetCallStateOf([call('a', 'ringback', { direction: 'outbound' }), call('b', 'ringing')])).toEqual({
      phase: 'dialing',
    });
    expect(headsetCallStateOf([call('a', 'active', { muted: true })])).toEqual({
      phase: 'connected',
      held: false,
      muted: true,
      lines: 1,
      waiting: false,
    });
    // A call waiting behind the live one, and a consultation call being dialed while the first is held.
    expect(headsetCallStateOf([call('a', 'active'), call('b', 'ringing', { line: 2 })])).toMatchObject({
      lines: 1,
      waiting: true,
    });
    expect(headsetCallStateOf([call('a', 'held'), call('b', 'dialing', { direction: 'outbound', line: 2 })])).toEqual({
      phase: 'dialing',
    });
    expect(headsetCallStateOf([call('a', 'held'), call('b', 'active', { line: 2 })])).toMatchObject({ held: false, lines: 2 });
    expect(headsetCallStateOf([call('a', 'held'), call('b', 'held', { line: 2 })])).toMatchObject({ held: true, lines: 2 });
  });
});

describe('SoftphoneCallControl', () => {
  it('answers and declines the ringing call, not the live one', async () => {
    const phone = new FakePhone([call('live', 'active'), call('waiting', 'ringing', { line: 2 })]);
    const control = new SoftphoneCallControl(phone);
    await control.answer();
    await control.decline();
    expect(phone.done).toEqual(['answer waiting', 'decline waiting']);
  });

  it('hangs up the call the operator is on; with only a ringing call, declines it', async () => {
    const phone = new FakePhone([call('held', 'held'), call('live', 'active', { line: 2 })]);
    const control = new SoftphoneCallControl(phone);
    await control.hangup();
    phone.calls = [call('ring', 'ringing')];
    await control.hangup();
    expect(phone.done).toEqual(['hangup live', 'decline ring']);
  });

  it('mutes, toggles mute, holds, resumes and swaps on the right calls', async () => {
    const phone = new FakePhone([call('a', 'active', { muted: true }), call('b', 'held', { line: 2 })]);
    const control = new SoftphoneCallControl(phone);
    await control.setMuted(false);
    await control.toggleMute();
    await control.holdOrResume();
    await control.swapLines();
    phone.calls = [call('a', 'held')];
    await control.holdOrResume();
    expect(phone.done).toEqual(['mute a false', 'mute a false', 'hold a', 'resume b', 'resume a']);
  });

  it('redials the last outbound call it saw; without one, does nothing', async () => {
    const phone = new FakePhone([]);
    const control = new SoftphoneCallControl(phone);
    await control.redial();
    control.observe(call('x', 'dialing', { direction: 'outbound', remoteUri: 'sip:+905321234567@pbx.example.com' }));
    control.observe(call('y', 'ringing', { remoteUri: 'sip:+74951234567@pbx.example.com' }));
    await control.redial();
    expect(phone.done).toEqual(['dial sip:+905321234567@pbx.example.com']);
  });
});
