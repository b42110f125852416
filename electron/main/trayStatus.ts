// What the tray says about the desk: registration and call state from core's events, as one of four dots and
// a tooltip in the operator's language. Pure (no Electron), so it is tested in plain Node; main.ts draws it.
import type { EventName, EventPayload } from '../shared/ipc/contract.js';
import type { CallView, SoftphoneStatus } from '../shared/ipc/softphone.js';
import type { Locale } from '../shared/settings.js';

export type TrayState = 'offline' | 'ready' | 'ringing' | 'onCall';

const texts: Record<Locale, Record<TrayState, string> & { calls: (count: number) => string }> = {
  en: {
    offline: 'Not registered',
    ready: 'Registered, no call',
    ringing: 'Incoming call',
    onCall: 'On a call',
    calls: (count) => (count === 1 ? '1 call' : `${count} calls`),
  },
  tr: {
    offline: 'Kayıtlı değil',
    ready: 'Kayıtlı, çağrı yok',
    ringing: 'Gelen çağrı',
    onCall: 'Görüşmede',
    calls: (count) => `${count} çağrı`,
  },
  ru: {
    offline: 'Нет регистрации',
    ready: 'Зарегистрирован, звонков нет',
    ringing: 'Входящий звонок',
    onCall: 'Разговор',
    calls: (count) => {
      const lastTwo = count % 100;
      const last = count % 10;
      const word = lastTwo >= 11 && lastTwo <= 14 ? 'звонков' : last === 1 ? 'звонок' : last >= 2 && last <= 4 ? 'звонка' : 'звонков';
      return `${count} ${word}`;
    },
  },
};

export interface TrayView {
  state: TrayState;
  tooltip: string;
}

/** Follows sip:registration and calls:state events; `view()` is what the tray shows now. */
export class TrayStatus {
  private registered = false;
  private readonly calls = new Map<string, CallView>();

  constructor(private readonly locale: Locale) {}

  /** Returns true when the view changed (main then redraws the tray). */
  observe<K extends EventName>(name: K, payload: EventPayload<K>): boolean {
    const before = JSON.stringify(this.view());
    if (name === 'sip:registration') this.registered = (payload as SoftphoneStatus).state === 'registered';
    else if (name === 'calls:state') {
      const call = payload as CallView;
      if (call.state === 'ended') this.calls.delete(call.id);
      else this.calls.set(call.id, call);
    } else return false;
    return JSON.stringify(this.view()) !== before;
  }

  view(): TrayView {
    const text = texts[this.locale];
    const calls = [...this.calls.values()];
    const state: TrayState = calls.some((call) => call.state === 'ringing')
      ? 'ringing'
      : calls.length > 0
        ? 'onCall'
        : this.registered
          ? 'ready'
          : 'offline';
    const parts = ['AgentDesk', text[state]];
    if (calls.length > 1) parts.push(text.calls(calls.length));
    return { state, tooltip: parts.join(' — ') };
  }
}
