// Asks the desk for the operator's attention when an inbound call starts ringing: one `app:attention` event
// per call, with the text written here in the operator's language (tr/en/ru) and the two settings that
// decide what the desk does with it. Plain Node; fed the 'calls:state' views on their way to the UI.
import type { CallView } from '../../shared/ipc/softphone.js';
import type { Locale } from '../../shared/settings.js';
import type { EventSink } from '../ports.js';
import type { SettingsService } from '../settings/settingsService.js';

const titles: Record<Locale, { incoming: string; waiting: string; unknown: string }> = {
  en: { incoming: 'Incoming call', waiting: 'Call waiting', unknown: 'Unknown caller' },
  tr: { incoming: 'Gelen çağrı', waiting: 'Bekleyen çağrı', unknown: 'Bilinmeyen arayan' },
  ru: { incoming: 'Входящий звонок', waiting: 'Ожидающий вызов', unknown: 'Неизвестный абонент' },
};

/** How many ringing calls are remembered (one event each); more than the lines there are. */
const maxRemembered = 32;

export interface CallAttentionDeps {
  settings: Pick<SettingsService, 'get'>;
  events: EventSink;
  systemLocale: Locale;
}

export function createCallAttention(deps: CallAttentionDeps): { observe(view: CallView): void } {
  const announced: string[] = [];
  return {
    observe(view) {
      if (view.direction !== 'inbound' || view.state !== 'ringing' || announced.includes(view.id)) return;
      announced.push(view.id);
      if (announced.length > maxRemembered) announced.shift();
      const uiLocale = deps.settings.get('ui.locale') as Locale | 'system';
      const text = titles[uiLocale === 'system' ? deps.systemLocale : uiLocale];
      const number = view.remoteNumber ?? view.remoteUser;
      // displayName and remoteUser arrive cleaned of controls and bidi overrides (electron/core/phone).
      const body = [view.displayName, number].filter((part) => part !== '').join(' · ') || text.unknown;
      deps.events.emit('app:attention', {
        kind: 'incomingCall',
        callId: view.id,
        title: view.callWaiting ? text.waiting : text.incoming,
        body: body.slice(0, 500),
        notify: deps.settings.get('ui.callNotifications') === true,
        // A second call must not yank the window from the operator's typing: only the first one raises it.
        bringToFront: deps.settings.get('ui.bringToFrontOnCall') === true && !view.callWaiting,
      });
    },
  };
}
