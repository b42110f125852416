// The desk's services behind the contract's softphone and customer commands: customer store, SIP user
// agent, headset call control and global hotkeys. Plain Node. Loaded by core.ts with a dynamic import, just
// after the database is open, so the bridge is listening before these (large) modules are compiled.
import type { AppDatabase } from '../../../db/database.js';
import type { EventPayload } from '../../shared/ipc/contract.js';
import { createCallerCardSink } from '../customers/callerCards.js';
import { customerHandlers } from '../customers/customerHandlers.js';
import { CustomerService } from '../customers/customerService.js';
import { createHeadsetService, type HeadsetService } from '../hid/headsetService.js';
import { createLinuxHidrawTransport } from '../hid/linuxHidrawTransport.js';
import { SoftphoneCallControl } from '../hid/softphoneCallControl.js';
import { createHotkeyService, type HotkeyService } from '../hotkeys/hotkeyService.js';
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { CountryCode } from '../phone/index.js';
import type { Clock, EventSink } from '../ports.js';
import type { SettingsService } from '../settings/settingsService.js';
import { sipConfigFromSettings } from '../sip/sipConfig.js';
import { SipService } from '../sip/sipService.js';
import { softphoneHandlers } from '../sip/softphoneHandlers.js';
import { DatabaseCallLog } from './callLogStore.js';
import type { CoreOptions } from './coreOptions.js';
import type { DeskServiceCommandName } from './deskServiceCommands.js';

import type { MediaPeer } from '../sip/mediaBridge.js';

/** Used until a media engine is attached: every media request fails, so sip.js answers 480, never hangs. */
export const noMediaEngine: MediaPeer = {
  request: () => Promise.reject(new Error('No media engine is connected: open the console window')),
};

export interface DeskServicesDeps extends CoreOptions {
  clock: Clock;
  database: AppDatabase;
  settings: SettingsService;
}

export interface DeskServices {
  readonly customers: CustomerService;
  readonly sip: SipService;
  readonly headset: HeadsetService | undefined;
  readonly handlers: Pick<CommandHandlers, DeskServiceCommandName>;
  close(): Promise<void>;
}

export function startDeskServices(options: DeskServicesDeps): DeskServices {
  const { clock, database, settings } = options;
  const customers = new CustomerService({
    database,
    clock,
    events: options.events,
    logger: options.logger,
    defaultCountry: () => settings.get('phone.defaultCountry') as CountryCode,
  });

  // The headset follows every call change; SipService's events pass through here on their way to the UI.
  // (Both are made after the SIP service they drive, hence the holder.)
  const headsetLink: { control?: SoftphoneCallControl; headset?: HeadsetService } = {};
  const sipEvents: EventSink = {
    emit(name, payload) {
      options.events.emit(name, payload);
      const { control, headset } = headsetLink;
      if (name === 'calls:state' && control) {
        control.observe(payload as EventPayload<'calls:state'>);
        headset?.setCallState(control.state());
      }
    },
  };
  // An inbound call's caller is looked up as it starts ringing (synchronously, on this connection: an
  // indexed query of a few rows), so its card goes out just before the ringing state, never after it.
  const callerCards = createCallerCardSink({
    lookupCaller: (e164) => customers.readers.lookupCaller(e164),
    events: sipEvents,
    logger: options.logger,
  });
  const sip = new SipService({
    config: sipConfigFromSettings(settings),
    secrets: options.secrets,
    clock,
    logger: options.logger,
    events: callerCards.events,
    callLog: new DatabaseCallLog(database, options.logger),
    mediaPeer: options.mediaPeer ?? noMediaEngine,
  });
  settings.onChange((change) => {
    if (change.key.startsWith('sip.') || change.key.startsWith('phone.')) void sip.reconfigure(sipConfigFromSettings(settings));
  });
  sip.start();

  const callControl = new SoftphoneCallControl(sip);
  headsetLink.control = callControl;
  const hidTransport =
    options.hidTransport === undefined
      ? process.platform === 'linux'
        ? createLinuxHidrawTransport({ clock, logger: options.logger })
        : null
      : options.hidTransport;
  let headset: HeadsetService | undefined;
  if (hidTransport) {
    headset = headsetLink.headset = createHeadsetService({
      transport: hidTransport,
      settings,
      callControl,
      clock,
      logger: options.logger,
      events: options.events,
      systemLocale: options.systemLocale,
    });
    void headset.start();
  }
  const phone = callControl;
  const hotkeys: HotkeyService | undefined = options.shortcuts
    ? createHotkeyService({
        registry: options.shortcuts,
        settings,
        events: options.events,
        logger: options.logger,
        clock,
        systemLocale: options.systemLocale,
        handlers: {
          answer: () => phone.answer(),
          hangup: () => phone.hangup(),
          mute: () => phone.toggleMute(),
          hold: () => phone.holdOrResume(),
          // Ready / not ready map to do-not-disturb until the agent-state service exists.
          ready: () => void sip.setDoNotDisturb(false),
          notReady: () => void sip.setDoNotDisturb(true),
        },
      })
    : undefined;
  hotkeys?.start();

  return {
    customers,
    sip,
    headset,
    handlers: { ...customerHandlers(customers, callerCards), ...softphoneHandlers(sip) },
    async close() {
      hotkeys?.stop();
      await headset?.stop(); // switches the headset's LEDs and ringer off
      await sip.stop();
    },
  };
}
