// The headset call-control state machine (plain Node): button reports from the active headset become call
// actions on a CallControlPort, and the call state becomes LED/ringer output reports. Time comes from the
// injected Clock (the hook-switch echo window), so tests replay report bytes with a fake clock.
//
// Rules (issue 6, and what USB headsets expect from a softphone, HID Usage Tables §14 Telephony):
// - A call rings → Ring LED and Ringer on (a call waiting behind a live call: Ring LED only, no ringing in the ear).
// - Hook Switch absolute (every headset in our test data): off-hook while ringing answers, on-hook during a call
//   hangs up. Hook Switch relative (a "hook button" that reports presses): a press answers a ringing call and
//   hangs up a live one.
// - Headsets send Phone Mute only while they are off-hook, so the Off-Hook LED is on whenever a call is live.
//   Phone Mute relative (all our devices): a press flips the mute state the app keeps; the Mute LED echoes the
//   state the softphone confirms. Phone Mute absolute: the value is the wanted state.
// - Flash: answers a call waiting, else swaps lines when two are live, else holds/resumes. Redial when idle.
//   Drop (EPOS): hangs up, or declines a ringing call.
// - Writing Off-Hook makes many headsets (Jabra, Yealink) move their own hook state and report it back. That
//   echo is not the operator's doing: Hook Switch changes within HOOK_ECHO_WINDOW_MS after we change Off-Hook
//   are ignored (GOnnect's GOW_001 workaround uses the same 500 ms). Otherwise a call answered in the UI right
//   after another ended could be hung up by the late "on-hook" echo of the first.
// - Only the active headset drives calls: reports from any other device id are logged and dropped.
import type { Clock, Logger } from '../ports.js';
import type { HidControl, HidDescription } from './describeHidDescriptor.js';
import { HidDescriptorError } from './hidDescriptorError.js';
import { decodeInputReport, encodeOutputReports, type HidControlValues } from './hidReportCodec.js';
import type { HidControlName } from './telephonyUsages.js';

/** What the headset needs to know about the calls, derived from the softphone's call list. */
export type HeadsetCallState =
  | { phase: 'idle' }
  /** An inbound call rings and no call is live. */
  | { phase: 'ringing' }
  /** An outbound call is being set up (dialing or ringback) and no call is connected. */
  | { phase: 'dialing' }
  | {
      phase: 'connected';
      /** The call the operator is on is held (by us). */
      held: boolean;
      muted: boolean;
      /** Calls on a line (connected, held or being dialed): 2 or more means Flash swaps. */
      lines: number;
      /** Another inbound call rings behind this one. */
      waiting: boolean;
    };

/**
 * What the headset may do to calls. Each method acts on the call it obviously means (the ringing one, the one
 * the operator talks on); the softphone adapter picks it. Methods may return a promise; a rejection is logged.
 */
export interface CallControlPort {
  /** Answer the ringing call (a call waiting: the softphone holds the live one). */
  answer(): void | Promise<unknown>;
  /** Reject the ringing call. */
  decline(): void | Promise<unknown>;
  /** End the call the operator is on (or cancel the one being dialed). */
  hangup(): void | Promise<unknown>;
  setMuted(muted: boolean): void | Promise<unknown>;
  holdOrResume(): void | Promise<unknown>;
  /** Two calls on lines: talk to the other one, hold this one. */
  swapLines(): void | Promise<unknown>;
  /** Call the last number dialed again. */
  redial(): void | Promise<unknown>;
}
export type CallControlAction = keyof CallControlPort;

/** Where output reports go: the device's write, report-ID byte first (0 when the device has no IDs). */
export interface HidOutputSink {
  write(report: Uint8Array): void | Promise<void>;
}

export interface HeadsetDeviceAttachment {
  /** Any stable id of the open device (the transport path). */
  id: string;
  description: HidDescription;
  output: HidOutputSink;
}

export const HOOK_ECHO_WINDOW_MS = 500;

/** Inputs the machine reacts to, in the order one report's changes are applied. */
const HANDLED_INPUTS = [
  'hookSwitch',
  'phoneMute',
  'flash',
  'redial',
  'drop',
  'lineBusyTone',
] as const satisfies readonly HidControlName[];
type HandledInput = (typeof HANDLED_INPUTS)[number];

interface ActiveDevice extends HeadsetDeviceAttachment {
  inputs: Map<HandledInput, HidControl>;
  /** Last value seen per input; missing = the baseline (see valueBefore). */
  previous: HidControlValues;
  /** Bytes last written per output report ID, so unchanged LED state is not re-sent. */
  written: Map<number, string>;
  /** Off-Hook LED as last written; undefined before the first write, or when the device has no such LED. */
  offHook: boolean | undefined;
}

export interface HeadsetCallControlOptions {
  port: CallControlPort;
  clock: Clock;
  logger: Logger;
  echoWindowMs?: number;
}

export class HeadsetCallControl {
  private active: ActiveDevice | undefined;
  private state: HeadsetCallState = { phase: 'idle' };
  /** Mute state asked of the softphone and not confirmed yet: a second press before the answer flips it back. */
  private mutedTarget: boolean | undefined;
  private ignoreHookUntil = Number.NEGATIVE_INFINITY;
  private readonly echoWindowMs: number;

  constructor(private readonly options: HeadsetCallControlOptions) {
    this.echoWindowMs = options.echoWindowMs ?? HOOK_ECHO_WINDOW_MS;
  }

  get activeDeviceId(): string | undefined {
    return this.active?.id;
  }

  /** Makes this device the one that drives calls, and sends it the current LED state. */
  attach(device: HeadsetDeviceAttachment): void {
    if (this.active && this.active.id !== device.id) {
      this.options.logger.info('headset call control moves to another device', { from: this.active.id, to: device.id });
    }
    const inputs = new Map<HandledInput, HidControl>();
    for (const control of device.description.inputs) {
      const usage = control.usage as HandledInput;
      // The first declaration wins; the codec already merges duplicates into one value.
      if ((HANDLED_INPUTS as readonly string[]).includes(usage) && !inputs.has(usage)) inputs.set(usage, control);
    }
    this.active = { ...device, inputs, previous: {}, written: new Map(), offHook: undefined };
    this.writeOutputs(true);
  }

  /**
   * Stop driving this device. `turnOff`: it is still plugged in (we let it go, or AgentDesk quits), so switch
   * its LEDs and ringer off first — a headset left ringing after the app closed would mislead the operator.
   */
  detach(deviceId: string, options: { turnOff?: boolean } = {}): void {
    const device = this.active;
    if (device?.id !== deviceId) return;
    if (options.turnOff) {
      try {
        const off = { ledOffHook: false, ledRing: false, ringer: false, ledMute: false, ledHold: false, ledOnLine: false };
        for (const report of encodeOutputReports(device.description, off)) this.send(device, report.bytesForWrite);
      } catch (error) {
        if (!(error instanceof HidDescriptorError)) throw error;
      }
    }
    this.active = undefined;
    this.ignoreHookUntil = Number.NEGATIVE_INFINITY;
  }

  /** The softphone's call state changed (feed every change): LEDs follow. */
  setCallState(state: HeadsetCallState): void {
    this.state = state;
    if (this.mutedTarget !== undefined && (state.phase !== 'connected' || state.muted === this.mutedTarget)) {
      this.mutedTarget = undefined;
    }
    if (this.active) this.writeOutputs(false);
  }

  /** One input report as hidraw/hidapi read it (report-ID byte first when the device uses IDs). */
  handleInputReport(deviceId: string, report: Uint8Array): void {
    const device = this.active;
    if (!device || device.id !== deviceId) {
      this.options.logger.info('headset input ignored: not the active headset', { device: deviceId, active: device?.id ?? null });
      return;
    }
    let values: HidControlValues;
    try {
      values = decodeInputReport(device.description, report).values;
    } catch (error) {
      if (!(error instanceof HidDescriptorError)) throw error;
      this.options.logger.warn('headset report refused', { device: deviceId, reason: error.message });
      return;
    }
    for (const usage of HANDLED_INPUTS) {
      const now = values[usage];
      const control = device.inputs.get(usage);
      if (now === undefined || !control) continue;
      const before = this.valueBefore(device, usage);
      device.previous[usage] = now;
      if (control.relative) {
        // Relative data is "what happened since the last report": every non-zero value is one press.
        if (now !== 0) this.onPress(usage, control);
      } else if (now !== before) {
        this.onAbsoluteChange(usage, before, now);
      }
    }
  }

  /** The LED/ringer state the headset should show now (exposed for diagnostics and tests). */
  wantedOutputs(): Record<'ledOffHook' | 'ledRing' | 'ringer' | 'ledMute' | 'ledHold' | 'ledOnLine', boolean> {
    const state = this.state;
    const connected = state.phase === 'connected';
    const onLine = connected || state.phase === 'dialing';
    return {
      ledOffHook: onLine,
      ledRing: state.phase === 'ringing' || (connected && state.waiting),
      ringer: state.phase === 'ringing',
      ledMute: connected && state.muted,
      ledHold: connected && state.held,
      ledOnLine: onLine,
    };
  }

  // ---- inputs ----

  /**
   * The value an input had before this report. Nothing seen yet: buttons are up, and the hook switch is where
   * our Off-Hook LED put it (headsets follow that LED), so the first press after plugging in counts.
   */
  private valueBefore(device: ActiveDevice, usage: HandledInput): number {
    const seen = device.previous[usage];
    if (seen !== undefined) return seen;
    return usage === 'hookSwitch' && device.offHook ? 1 : 0;
  }

  private onPress(usage: HandledInput, control: HidControl): void {
    switch (usage) {
      case 'hookSwitch':
        return this.hookButtonPressed();
      case 'phoneMute':
        return this.toggleMute();
      default:
        return this.buttonPressed(usage, control);
    }
  }

  private onAbsoluteChange(usage: HandledInput, before: number, now: number): void {
    switch (usage) {
      case 'hookSwitch':
        return this.hookMoved(now !== 0);
      case 'phoneMute':
        return this.muteSwitched(now !== 0);
      default:
        // An absolute button reports 1 while held: act on the press, not on the release.
        if (before === 0 && now !== 0) this.buttonPressed(usage, this.active!.inputs.get(usage)!);
    }
  }

  private hookMoved(offHook: boolean): void {
    if (this.options.clock.now() < this.ignoreHookUntil) {
      this.options.logger.debug('headset hook echo ignored', { offHook });
      return;
    }
    const phase = this.state.phase;
    if (offHook) {
      if (phase === 'ringing') return this.dispatch('answer');
      if (phase === 'idle') {
        // Nothing to answer: put the headset back on hook so its state matches ours for the next call.
        this.options.logger.info('headset off-hook with no call: set back on hook');
        return this.resync();
      }
      return; // already on a call: the headset caught up with our Off-Hook LED
    }
    if (phase === 'connected' || phase === 'dialing') return this.dispatch('hangup');
  }

  private hookButtonPressed(): void {
    const phase = this.state.phase;
    if (phase === 'ringing') return this.dispatch('answer');
    if (phase === 'connected' || phase === 'dialing') return this.dispatch('hangup');
    this.options.logger.debug('headset hook press with no call');
  }

  private toggleMute(): void {
    if (this.state.phase !== 'connected') {
      this.options.logger.debug('headset mute press with no call');
      return;
    }
    const muted = !(this.mutedTarget ?? this.state.muted);
    this.mutedTarget = muted;
    this.dispatch('setMuted', muted);
  }

  private muteSwitched(muted: boolean): void {
    if (this.state.phase !== 'connected' || muted === (this.mutedTarget ?? this.state.muted)) return;
    this.mutedTarget = muted;
    this.dispatch('setMuted', muted);
  }

  private buttonPressed(usage: HandledInput, control: HidControl): void {
    const state = this.state;
    switch (usage) {
      case 'flash':
        if (state.phase !== 'connected') break;
        if (state.waiting) return this.dispatch('answer');
        return this.dispatch(state.lines >= 2 ? 'swapLines' : 'holdOrResume');
      case 'redial':
        if (state.phase === 'idle') return this.dispatch('redial');
        break;
      case 'drop':
        if (state.phase === 'ringing') return this.dispatch('decline');
        if (state.phase === 'connected' || state.phase === 'dialing') return this.dispatch('hangup');
        break;
      case 'lineBusyTone':
        // Jabra and Yealink declare it as an input beside Hook Switch; what their firmware means by it is not
        // documented, so it triggers nothing (a wrong guess could reject a call the operator wanted).
        break;
    }
    this.options.logger.debug('headset button ignored in this call state', {
      usage,
      phase: state.phase,
      relative: control.relative,
    });
  }

  private dispatch(action: CallControlAction, muted?: boolean): void {
    const { port, logger } = this.options;
    logger.info('headset call action', { action, device: this.active?.id, ...(muted === undefined ? {} : { muted }) });
    const failed = (error: unknown) => {
      if (action === 'setMuted') this.mutedTarget = undefined;
      logger.warn('headset call action failed', { action, error: error instanceof Error ? error.message : String(error) });
    };
    try {
      const result = action === 'setMuted' ? port.setMuted(muted === true) : port[action]();
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(undefined, failed);
    } catch (error) {
      failed(error);
    }
  }

  // ---- outputs ----

  /** Re-sends the whole LED state, e.g. to pull a headset that went off-hook on its own back on hook. */
  private resync(): void {
    this.writeOutputs(true);
    // The forced write may move the headset's hook state, and it will report that.
    if (this.active?.offHook !== undefined) this.ignoreHookUntil = this.options.clock.now() + this.echoWindowMs;
  }

  private writeOutputs(force: boolean): void {
    const device = this.active;
    if (!device) return;
    const wanted = this.wantedOutputs();
    let reports;
    try {
      reports = encodeOutputReports(device.description, wanted);
    } catch (error) {
      if (!(error instanceof HidDescriptorError)) throw error;
      this.options.logger.warn('headset output report not built', { device: device.id, reason: error.message });
      return;
    }
    for (const report of reports) {
      const key = Array.from(report.bytesForWrite, (byte) => byte.toString(16).padStart(2, '0')).join('');
      if (!force && device.written.get(report.reportId) === key) continue;
      device.written.set(report.reportId, key);
      this.send(device, report.bytesForWrite);
    }
    const hasOffHookLed = device.description.outputs.some((control) => control.usage === 'ledOffHook');
    // A change of Off-Hook may come back as a hook report. Only an absolute hook switch echoes (a relative one
    // reports presses, never ours). The first write needs no window: the baseline already assumes the headset
    // follows it (valueBefore).
    const echoes = device.inputs.get('hookSwitch')?.relative === false;
    if (hasOffHookLed && echoes && device.offHook !== undefined && device.offHook !== wanted.ledOffHook) {
      this.ignoreHookUntil = this.options.clock.now() + this.echoWindowMs;
    }
    device.offHook = hasOffHookLed ? wanted.ledOffHook : undefined;
  }

  private send(device: ActiveDevice, bytes: Uint8Array): void {
    const failed = (error: unknown) =>
      this.options.logger.warn('headset output report not written', {
        device: device.id,
        error: error instanceof Error ? error.message : String(error),
      });
    try {
      const result = device.output.write(bytes);
      if (result && typeof result.then === 'function') result.then(undefined, failed);
    } catch (error) {
      failed(error);
    }
  }
}
