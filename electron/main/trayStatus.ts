// What the tray says about the desk: registration, calls and the agent state from core's events, as one of five
// dots and a tooltip in the desk's language (ui.locale, which may change while the tray shows). Pure (no Electron),
// so it is tested in plain Node; main.ts draws it.
import type { AgentStatus } from '../shared/ipc/agent.js';
import type { EventName, EventPayload } from '../shared/ipc/contract.js';
import type { CallView, SoftphoneStatus } from '../shared/ipc/softphone.js';
import type { Locale } from '../shared/settings.js';
import type { AgentState } from '../shared/workflow.js';

export type TrayState = 'offline' | 'ready' | 'away' | 'ringing' | 'onCall';

interface Texts {
  tray: Record<TrayState, string>;
  agent: Record<AgentState, string>;
  calls(count: number): string;
}

const texts: Record<Locale, Texts> = {
  en: {
    tray: {
      offline: 'Not registered',
      ready: 'Registered, no call',
      away: 'Registered, not taking calls',
      ringing: 'Incoming call',
      onCall: 'On a call',
    },
    agent: {
      loggedOut: 'Logged out',
      available: 'Available',
      notReady: 'Not ready',
      ringing: 'Ringing',
      onCall: 'On call',
      wrapUp: 'Wrap-up',
      break: 'Break',
    },
    calls: (count) => (count === 1 ? '1 call' : `${count} calls`),
  },
  tr: {
    tray: {
      offline: 'Kayıtlı değil',
      ready: 'Kayıtlı, çağrı yok',
      away: 'Kayıtlı, çağrı almıyor',
      ringing: 'Gelen çağrı',
      onCall: 'Görüşmede',
    },
    agent: {
      loggedOut: 'Oturum kapalı',
      available: 'Hazır',
      notReady: 'Hazır değil',
      ringing: 'Çalıyor',
      onCall: 'Görüşmede',
      wrapUp: 'Çağrı sonu işlemi',
      break: 'Mola',
    },
    calls: (count) => `${count} çağrı`,
  },
  ru: {
    tray: {
      offline: 'Нет регистрации',
      ready: 'Зарегистрирован, звонков нет',
      away: 'Зарегистрирован, звонки не принимает',
      ringing: 'Входящий звонок',
      onCall: 'Разговор',
    },
    agent: {
      loggedOut: 'Не в системе',
      available: 'Готов',
      notReady: 'Не готов',
      ringing: 'Звонок',
      onCall: 'Разговор',
      wrapUp: 'Постобработка',
      break: 'Перерыв',
    },
    calls: (count) => {
      const lastTwo = count % 100;
      const last = count % 10;
      const word =
        lastTwo >= 11 && lastTwo <= 14 ? 'звонков' : last === 1 ? 'звонок' : last >= 2 && last <= 4 ? 'звонка' : 'звонков';
      return `${count} ${word}`;
    },
  },
};

export interface TrayView {
  state: TrayState;
  tooltip: string;
}

/** Follows sip:registration, calls:state and agent:state events; `view()` is what the tray shows now. */
export class TrayStatus {
  private registered = false;
  private agent: AgentState | null = null;
  private agentStatus: AgentStatus | null = null;
  private readonly calls = new Map<string, CallView>();

  constructor(private locale: Locale) {}

  /** The desk's language changed (DeskWatch.onLocaleChange); returns true when the tooltip changed with it. */
  setLocale(locale: Locale): boolean {
    const before = this.view().tooltip;
    this.locale = locale;
    return this.view().tooltip !== before;
  }

  /** Returns true when the view changed (main then redraws the tray). */
  observe<K extends EventName>(name: K, payload: EventPayload<K>): boolean {
    const before = JSON.stringify(this.view());
    if (name === 'sip:registration') this.registered = (payload as SoftphoneStatus).state === 'registered';
    else if (name === 'agent:state') {
      this.agentStatus = payload as AgentStatus;
      this.agent = this.agentStatus.state;
    } else if (name === 'calls:state') {
      const call = payload as CallView;
      if (call.state === 'ended') this.calls.delete(call.id);
      else this.calls.set(call.id, call);
    } else return false;
    return JSON.stringify(this.view()) !== before;
  }

  /** The agent's whole status from the last agent:state (the tray menu marks the state and its reason). */
  get agentNow(): AgentStatus | null {
    return this.agentStatus;
  }

  view(): TrayView {
    const text = texts[this.locale];
    const calls = [...this.calls.values()];
    const takingCalls = this.agent === null || this.agent === 'available';
    const state: TrayState = calls.some((call) => call.state === 'ringing')
      ? 'ringing'
      : calls.length > 0
        ? 'onCall'
        : !this.registered
          ? 'offline'
          : takingCalls
            ? 'ready'
            : 'away';
    const parts = ['AgentDesk', text.tray[state]];
    if (calls.length > 1) parts.push(text.calls(calls.length));
    if (this.agent !== null) parts.push(text.agent[this.agent]);
    return { state, tooltip: parts.join(' — ') };
  }
}
