// Asks the desk for the operator's attention when an inbound call starts ringing (one `app:attention` event per
// call) or a callback falls due, with the text written here in the operator's language (tr/en/ru) and the
// settings that decide what the desk does with it. Plain Node; fed the 'calls:state' views on their way to the UI
// and the callback scheduler's due callbacks.
import type { CallView } from '../../shared/ipc/softphone.js';
import type { CallbackView } from '../../shared/ipc/wrapUp.js';
import type { Locale } from '../../shared/settings.js';
import type { EventSink } from '../ports.js';
import type { SettingsService } from '../settings/settingsService.js';

const titles: Record<Locale, { incoming: string; waiting: string; unknown: string; callback: string }> = {
  en: { incoming: 'Incoming call', waiting: 'Call waiting', unknown: 'Unknown caller', callback: 'Callback due' },
  tr: { incoming: 'Gelen çağrı', waiting: 'Bekleyen çağrı', unknown: 'Bilinmeyen arayan', callback: 'Geri arama zamanı' },
  ru: { incoming: 'Входящий звонок', waiting: 'Ожидающий вызов', unknown: 'Неизвестный абонент', callback: 'Пора перезвонить' },
};

/** How many ringing calls are remembered (one event each); more than the lines there are. */
const maxRemembered = 32;

export interface CallAttentionDeps {
  settings: Pick<SettingsService, 'get'>;
  events: EventSink;
  systemLocale: Locale;
}

export interface CallAttention {
  observe(view: CallView): void;
  /** A callback fell due (the callback scheduler's notifier): a notification, the window only flashes. */
  callbackDue(callback: CallbackView): void;
}

export function createCallAttention(deps: CallAttentionDeps): CallAttention {
  const announced: string[] = [];
  const text = () => {
    const uiLocale = deps.settings.get('ui.locale') as Locale | 'system';
    return titles[uiLocale === 'system' ? deps.systemLocale : uiLocale];
  };
  return {
    callbackDue(callback) {
      const body = [callback.customerName, callback.e164, callback.note].filter((part) => part).join(' · ');
      deps.events.emit('app:attention', {
        kind: 'callbackDue',
        callId: callback.id,
        title: text().callback,
        body: body.slice(0, 500),
        notify: deps.settings.get('ui.callNotifications') === true,
        // A reminder must not take the window from the operator's typing.
        bringToFront: false,
      });
    },
    observe(view) {
      if (view.direction !== 'inbound' || view.state !== 'ringing' || announced.includes(view.id)) return;
      announced.push(view.id);
      if (announced.length > maxRemembered) announced.shift();
      const { incoming, waiting, unknown } = text();
      const number = view.remoteNumber ?? view.remoteUser;
      // displayName and remoteUser arrive cleaned of controls and bidi overrides (electron/core/phone).
      const body = [view.displayName, number].filter((part) => part !== '').join(' · ') || unknown;
      deps.events.emit('app:attention', {
        kind: 'incomingCall',
        callId: view.id,
        title: view.callWaiting ? waiting : incoming,
        body: body.slice(0, 500),
        notify: deps.settings.get('ui.callNotifications') === true,
        // A second call must not yank the window from the operator's typing: only the first one raises it.
        bringToFront: deps.settings.get('ui.bringToFrontOnCall') === true && !view.callWaiting,
      });
    },
  };
}
