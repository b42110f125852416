// Starts the desk's core: database, settings, and the command handlers behind the contract.
// Plain Node. Electron main and the host both call `startCore`; each brings its own ports
// (logger, event sink, secret store) and its own bridge in front of `dispatch`.
import { openDatabase, type AppDatabase, type OpenDatabaseOptions } from '../../../db/database.js';
import { appendAudit } from '../../../db/repositories/audit.js';
import type { AppInfo, EventPayload } from '../../shared/ipc/contract.js';
import type { Locale } from '../../shared/settings.js';
import { customerHandlers } from '../customers/customerHandlers.js';
import type { CountryCode } from '../phone/index.js';
import type { MediaPeer } from '../sip/mediaBridge.js';
import { SipService } from '../sip/sipService.js';
import { sipConfigFromSettings } from '../sip/sipConfig.js';
import { softphoneHandlers } from '../sip/softphoneHandlers.js';
import { DatabaseCallLog } from './callLogStore.js';
import { createHeadsetService, type HeadsetService } from '../hid/headsetService.js';
import type { HidTransport } from '../hid/hidTransport.js';
import { createLinuxHidrawTransport } from '../hid/linuxHidrawTransport.js';
import { SoftphoneCallControl } from '../hid/softphoneCallControl.js';
import { createHotkeyService, type HotkeyService } from '../hotkeys/hotkeyService.js';
import type { ShortcutRegistry } from '../hotkeys/shortcutRegistry.js';
import { CustomerService } from '../customers/customerService.js';
import { createDispatcher, type CommandHandlers, type Dispatch } from '../ipc/dispatcher.js';
import { systemClock, type Clock, type EventSink, type Logger, type SecretStore } from '../ports.js';
import { loadProvisioning, systemProvisioningPath, type Provisioning } from '../settings/provisioning.js';
import { SettingsService } from '../settings/settingsService.js';
import { UserSettingsFile } from '../settings/userSettingsFile.js';
import { dataDirLayout } from './paths.js';

export interface CoreOptions {
  mode: AppInfo['mode'];
  version: string;
  dataDir: string;
  migrationsFolder: string;
  /** `--config FILE`; otherwise AGENTDESK_CONFIG, otherwise the OS's system-wide path. */
  provisioningFile?: string | undefined;
  onDamagedDatabase: OpenDatabaseOptions['onDamaged'];
  systemLocale: Locale;
  logger: Logger;
  events: EventSink;
  secrets: SecretStore;
  /** Headsets (USB HID Telephony). Default: Linux hidraw on Linux, none elsewhere until node-hid is wired. */
  hidTransport?: HidTransport | null;
  /** Global shortcuts (Electron main). None in browser mode: the browser owns the keyboard there. */
  shortcuts?: ShortcutRegistry;
  /** The renderer's media engine (WebRTC). Without one, registration works and calls fail with a reason. */
  mediaPeer?: MediaPeer;
  clock?: Clock;
}

/** Used until a media engine is attached: every media request fails, so sip.js answers 480, never hangs. */
export const noMediaEngine: MediaPeer = {
  request: () => Promise.reject(new Error('No media engine is connected: open the console window')),
};

export interface Core {
  readonly database: AppDatabase;
  readonly settings: SettingsService;
  readonly sip: SipService;
  readonly dispatch: Dispatch;
  readonly info: () => AppInfo;
  close(): Promise<void>;
}

export function resolveProvisioning(explicitFile: string | undefined, env = process.env): Provisioning {
  if (explicitFile) return loadProvisioning(explicitFile, true);
  if (env.AGENTDESK_CONFIG) return loadProvisioning(env.AGENTDESK_CONFIG, true);
  return loadProvisioning(systemProvisioningPath(), false);
}

export function startCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const layout = dataDirLayout(options.dataDir);
  const database = openDatabase({
    path: layout.database,
    migrationsFolder: options.migrationsFolder,
    onDamaged: options.onDamagedDatabase,
  });
  if (database.movedAside) options.logger.warn('damaged database moved aside', { movedTo: database.movedAside });

  const settings = new SettingsService(
    resolveProvisioning(options.provisioningFile),
    new UserSettingsFile(options.dataDir),
    clock,
    options.logger,
    options.events,
  );
  settings.onChange((change) =>
    appendAudit(
      database.db,
      { actor: 'operator', action: `settings.${change.action}`, entity: 'setting', entityId: change.key },
      clock.now(),
    ),
  );

  const info = (): AppInfo => ({
    name: 'AgentDesk',
    version: options.version,
    mode: options.mode,
    platform: process.platform,
    systemLocale: options.systemLocale,
    dataDir: options.dataDir,
    database: {
      path: database.path,
      schemaVersion: database.migration.schemaVersion,
      journalMode: String(database.sqlite.pragma('journal_mode', { simple: true })),
    },
  });

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
  const sip = new SipService({
    config: sipConfigFromSettings(settings),
    secrets: options.secrets,
    clock,
    logger: options.logger,
    events: sipEvents,
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

  const handlers: CommandHandlers = {
    'app:info': () => info(),
    'settings:get': () => settings.effective(),
    'settings:set': ({ key, value }) => settings.set(key, value),
    'settings:reset': ({ key }) => settings.reset(key),
    ...customerHandlers(customers),
    ...softphoneHandlers(sip),
  };

  return {
    database,
    settings,
    sip,
    dispatch: createDispatcher(handlers, options.logger),
    info,
    close: async () => {
      hotkeys?.stop();
      await headset?.stop(); // switches the headset's LEDs and ringer off
      await sip.stop();
      database.close();
    },
  };
}
