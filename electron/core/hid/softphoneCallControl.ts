// Connects headset and hotkey call control to the softphone (plain Node): the CallControlPort on top of the
// softphone's call commands, and the HeadsetCallState derived from its call list. Structural types only,
// so this file does not depend on how electron/core/sip is built.
import type { CallView } from '../../shared/ipc/softphone.js';
import type { Locale } from '../../shared/settings.js';
import type { EventSink, Logger } from '../ports.js';
import type { CallControlPort, HeadsetCallState } from './headsetCallControl.js';

/** The part of SipService the headset and hotkeys use (same names and arguments). */
export interface SoftphoneCalls {
  listCalls(): CallView[];
  answer(callId: string): Promise<unknown>;
  decline(callId: string): Promise<unknown>;
  hangup(callId: string): Promise<unknown>;
  hold(callId: string): Promise<unknown>;
  resume(callId: string): Promise<unknown>;
  mute(callId: string, muted: boolean): Promise<unknown>;
  dial(target: string): Promise<unknown>;
}

const TALKING: readonly CallView['state'][] = ['connecting', 'active', 'held'];
const SETTING_UP: readonly CallView['state'][] = ['dialing', 'ringback'];

/** What the headset shows for a list of calls (ended calls ignored). */
export function headsetCallStateOf(calls: readonly CallView[]): HeadsetCallState {
  const live = calls.filter((call) => call.state !== 'ended');
  const ringing = live.some((call) => call.direction === 'inbound' && call.state === 'ringing');
  const talking = live.filter((call) => TALKING.includes(call.state));
  const settingUp = live.filter((call) => SETTING_UP.includes(call.state));
  const current = currentCall(live);
  if (!current || !TALKING.includes(current.state)) {
    if (settingUp.length > 0) return { phase: 'dialing' };
    return ringing ? { phase: 'ringing' } : { phase: 'idle' };
  }
  return {
    phase: 'connected',
    held: current.state === 'held',
    muted: current.muted,
    lines: talking.length + settingUp.length,
    waiting: ringing,
  };
}

/**
 * The call the operator is on: the one not on hold (talking or being dialed), else the held call answered last.
 * The softphone keeps at most one call un-held (answering or resuming holds the others).
 */
function currentCall(live: readonly CallView[]): CallView | undefined {
  const unheld = live.find((call) => call.state === 'active' || call.state === 'connecting' || SETTING_UP.includes(call.state));
  if (unheld) return unheld;
  const held = live.filter((call) => call.state === 'held');
  return held.sort((a, b) => (b.answeredAt ?? b.invitedAt) - (a.answeredAt ?? a.invitedAt))[0];
}

/** Where Redial finds a number when this run has dialled none yet (CallLogRepository fits). */
export interface OutboundCallLog {
  newestOutbound(): { rawCallerId: string | null; e164: string | null } | undefined;
}

export interface SoftphoneCallControlOptions {
  /** The call log: after a restart the number dialled last is only there. */
  callLog?: OutboundCallLog;
  logger?: Logger;
  /** app:notice when Redial has nothing to call, in the desk's language. */
  events?: EventSink;
  deskLocale?: () => Locale;
}

export const nothingToRedialCode = 'headset-nothing-to-redial';

/** CallControlPort for the headset, plus the toggles the hotkeys need. */
export class SoftphoneCallControl implements CallControlPort {
  private lastDialed: string | undefined;

  constructor(
    private readonly phone: SoftphoneCalls,
    private readonly options: SoftphoneCallControlOptions = {},
  ) {}

  /** Feed every `calls:state` event: outbound calls are remembered for Redial. */
  observe(view: CallView): void {
    if (view.direction === 'outbound' && view.remoteUri) this.lastDialed = view.remoteUri;
  }

  /** The headset's view of the calls right now. */
  state(): HeadsetCallState {
    return headsetCallStateOf(this.phone.listCalls());
  }

  async answer(): Promise<void> {
    const ringing = this.ringingCall();
    if (ringing) await this.phone.answer(ringing.id);
  }

  async decline(): Promise<void> {
    const ringing = this.ringingCall();
    if (ringing) await this.phone.decline(ringing.id);
  }

  /** Ends the call the operator is on; with none, declines a ringing call (a hang-up key means "not this call"). */
  async hangup(): Promise<void> {
    const current = currentCall(this.live());
    if (current) await this.phone.hangup(current.id);
    else await this.decline();
  }

  async setMuted(muted: boolean): Promise<void> {
    const current = currentCall(this.live());
    if (current && TALKING.includes(current.state)) await this.phone.mute(current.id, muted);
  }

  async toggleMute(): Promise<void> {
    const current = currentCall(this.live());
    if (current && TALKING.includes(current.state)) await this.phone.mute(current.id, !current.muted);
  }

  async holdOrResume(): Promise<void> {
    const current = currentCall(this.live());
    if (!current) return;
    if (current.state === 'held') await this.phone.resume(current.id);
    else if (current.state === 'active') await this.phone.hold(current.id);
  }

  /** Resumes the held call the operator is not on; the softphone holds the current one (see SipService.resume). */
  async swapLines(): Promise<void> {
    const live = this.live();
    const current = currentCall(live);
    const other = live.find((call) => call.state === 'held' && call.id !== current?.id);
    if (other) await this.phone.resume(other.id);
  }

  /**
   * Dials the last outbound call again: the one seen in this run, else the newest in the call log (memory is empty
   * after a restart). With none, the operator is told and the promise rejects, so the headset logs the failed press.
   */
  async redial(): Promise<void> {
    const target = this.lastDialed ?? this.lastDialedInLog();
    if (target) {
      await this.phone.dial(target);
      return;
    }
    const { events, deskLocale } = this.options;
    events?.emit('app:notice', {
      level: 'info',
      code: nothingToRedialCode,
      message: nothingToRedialText[deskLocale?.() ?? 'en'],
    });
    throw new Error('Nothing to redial: no outbound call in this run or in the call log');
  }

  /**
   * The newest outbound call of the log: its E.164 number, which goes through today's dialling rules (outside-line
   * prefix, SIP domain), else the request URI as it was dialled (an extension, a SIP address).
   */
  private lastDialedInLog(): string | undefined {
    try {
      const call = this.options.callLog?.newestOutbound();
      return call?.e164 ?? call?.rawCallerId ?? undefined;
    } catch (error) {
      this.options.logger?.error('redial: the call log could not be read', {
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  private live(): CallView[] {
    return this.phone.listCalls().filter((call) => call.state !== 'ended');
  }

  private ringingCall(): CallView | undefined {
    return this.live().find((call) => call.direction === 'inbound' && call.state === 'ringing');
  }
}

const nothingToRedialText: Record<Locale, string> = {
  en: 'Redial: there is no outbound call to dial again yet.',
  tr: 'Yeniden arama: tekrar aranacak bir giden arama henüz yok.',
  ru: 'Повтор набора: пока нет исходящего вызова, который можно повторить.',
};
