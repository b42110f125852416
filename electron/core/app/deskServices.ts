// The desk's services behind the contract's softphone and customer commands: customer store, SIP user
// agent, headset call control and global hotkeys. Plain Node. Loaded by core.ts with a dynamic import, just
// after the database is open, so the bridge is listening before these (large) modules are compiled.
import type { AppDatabase } from '../../../db/database.js';
import { AgentStateEventRepository } from '../../../db/repositories/agentStateEvents.js';
import { CallLogRepository } from '../../../db/repositories/callLog.js';
import { WrapUpRepository } from '../../../db/repositories/wrapUps.js';
import type { CallView } from '../../shared/ipc/softphone.js';
import { agentHandlers } from '../agent/agentHandlers.js';
import { AgentStateService } from '../agent/agentStateService.js';
import { AliveMarkFile } from '../agent/aliveMark.js';
import { catalogueHandlers } from '../catalogue/catalogueHandlers.js';
import { CatalogueService } from '../catalogue/catalogueService.js';
import { createCallerCardSink } from '../customers/callerCards.js';
import { CustomerFileService } from '../customers/customerFileService.js';
import { CustomerHistory } from '../customers/customerHistory.js';
import { customerHandlers } from '../customers/customerHandlers.js';
import { CustomerService } from '../customers/customerService.js';
import { chooseHidTransport, createHidTransport, HID_TRANSPORT_ENV } from '../hid/chooseHidTransport.js';
import { createHeadsetService, type HeadsetService } from '../hid/headsetService.js';
import { SoftphoneCallControl } from '../hid/softphoneCallControl.js';
import { createHotkeyService, type HotkeyService } from '../hotkeys/hotkeyService.js';
import { scriptHandlers } from '../scripts/scriptHandlers.js';
import { ScriptService } from '../scripts/scriptService.js';
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { devicesCommands } from '../../shared/ipc/devices.js';
import type { workspaceCommands } from '../../shared/ipc/workspace.js';
import type { CountryCode } from '../phone/index.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import type { SettingsService } from '../settings/settingsService.js';
import { CallQualityMonitor } from '../sip/callQualityMonitor.js';
import { sipConfigFromSettings } from '../sip/sipConfig.js';
import { SipService } from '../sip/sipService.js';
import { softphoneHandlers } from '../sip/softphoneHandlers.js';
import { createCallAttention } from './callAttention.js';
import { DatabaseCallLog } from './callLogStore.js';
import type { CoreOptions } from './coreOptions.js';
import { WorkspaceService } from './workspaceService.js';
import type { DeskServiceCommandName } from './deskServiceCommands.js';
import { currentAgentId } from '../agent/agentIdentity.js';
import { CallbackScheduler } from '../workflow/callbackScheduler.js';
import { wrapUpHandlers } from '../workflow/wrapUpHandlers.js';
import { WrapUpService } from '../workflow/wrapUpService.js';

import type { MediaPeer } from '../sip/mediaBridge.js';
import { MediaPeerHub } from '../sip/mediaPeerHub.js';

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
  readonly wrapUp: WrapUpService;
  readonly callbacks: CallbackScheduler;
  readonly scripts: ScriptService;
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
  // The catalogue panel and the card's history read the same connection (indexed, LIMITed queries).
  const catalogue = new CatalogueService({
    sqlite: database.sqlite,
    clock,
    logger: options.logger,
    customers: customers.repository,
  });
  const history = new CustomerHistory({
    sqlite: database.sqlite,
    customers: customers.repository,
    dispositions: () => settings.get('workflow.dispositions'),
  });
  // The UI's import and export: temp files in the data dir, read and written in chunks over the contract.
  const customerFiles = new CustomerFileService({
    customers,
    dataDir: options.dataDir,
    events: options.events,
    logger: options.logger,
    clock,
    saveDialog: options.saveFileDialog,
  });

  // The agent state (Available, Not ready, On call, Wrap-up…): decides whether a new call may ring and
  // follows every call. Started before the phone, so no call arrives before the operator is logged in.
  // Seam 2 with the wrap-up service (made after the phone, hence the holder): ACW timeouts file the
  // default disposition there, and its submits come back as agentState.wrapUpSubmitted(callId).
  const wrapUpLink: { service?: WrapUpService } = {};
  const agentState = new AgentStateService({
    clock,
    events: options.events,
    logger: options.logger,
    settings,
    log: new AgentStateEventRepository(database.sqlite),
    fileDefaultDisposition: (callId, code) => void wrapUpLink.service?.fileDefault(callId, code),
    // Asked at start-up, before the wrap-up service exists: the interactions table answers then.
    wrapUpFiled: (callId) => wrapUpLink.service?.isFiled(callId) ?? new WrapUpRepository(database.sqlite).callFiled(callId),
    aliveMark: new AliveMarkFile(options.dataDir, options.logger),
  });
  agentState.start();

  // Call scripts: the script each call gets (rules, at its first calls:state) and the operator's place in it,
  // kept here and in the call's wrap-up draft (seam 3, attached below once the wrap-up service exists).
  const scripts = new ScriptService({
    database,
    clock,
    logger: options.logger,
    customerForCall: async (callId) => {
      const customerId = callerCards.linkedCustomer(callId);
      return customerId === undefined ? undefined : (await customers.card(customerId).catch(() => undefined))?.customer;
    },
    agentName: () => settings.get('sip.displayName').trim() || currentAgentId(settings),
    deskLocale: () => {
      const locale = settings.get('ui.locale');
      return locale === 'system' ? options.systemLocale : locale;
    },
    defaultCountry: () => settings.get('phone.defaultCountry') as CountryCode,
    dispositions: () => settings.get('workflow.dispositions'),
  });

  // Every call change passes through here on its way to the UI, and these follow it. (The quality monitor and
  // the headset are made after the SIP service they read from, hence the holder.)
  const attention = createCallAttention({ settings, events: options.events, systemLocale: options.systemLocale });
  const later: { control?: SoftphoneCallControl; headset?: HeadsetService; quality?: CallQualityMonitor } = {};
  const callLog = new DatabaseCallLog(database, options.logger, (callId) => later.quality?.finish(callId) ?? null);
  callLog.closeInterrupted(clock.now());
  const callObservers: ((view: CallView) => void)[] = [
    (view) => later.quality?.observe(view),
    (view) => attention.observe(view),
    (view) => agentState.observeCall(view),
    (view) => scripts.observeCall(view),
    (view) => {
      if (!later.control) return;
      later.control.observe(view);
      later.headset?.setCallState(later.control.state());
    },
  ];
  const sipEvents: EventSink = {
    emit(name, payload) {
      // The UI first: a ringing call is on its way to the screen while the rest runs. The call's row is still
      // written before anything the UI sends back (a note, a draft pointing at it) can arrive: same turn.
      options.events.emit(name, payload);
      if (name === 'calls:state') callLog.started(payload as CallView, clock.now());
      if (name === 'calls:state') for (const observe of callObservers) observe(payload as CallView);
    },
  };
  // An inbound call's caller is looked up as it starts ringing (synchronously, on this connection: an
  // indexed query of a few rows), so its card goes out just before the ringing state, never after it.
  const callerCards = createCallerCardSink({
    store: customers,
    events: sipEvents,
    logger: options.logger,
  });
  const sip = new SipService({
    config: sipConfigFromSettings(settings),
    secrets: options.secrets,
    clock,
    logger: options.logger,
    events: callerCards.events,
    callLog,
    mediaPeer: options.mediaPeer ?? noMediaEngine,
    admitIncoming: () => agentState.admitIncomingCall(),
  });
  settings.onChange((change) => {
    if (change.key.startsWith('sip.') || change.key.startsWith('phone.')) void sip.reconfigure(sipConfigFromSettings(settings));
  });
  followMediaEngine(options.mediaPeer, sip, clock, options.logger);
  later.quality = new CallQualityMonitor({
    clock,
    events: options.events,
    logger: options.logger,
    readStats: (callId) => sip.mediaStats(callId),
  });
  sip.start();

  // The wrap-up (drafts, submit, tickets, orders) and the callback alarm clock (electron/core/workflow).
  const callbacks = new CallbackScheduler({
    database,
    clock,
    events: options.events,
    logger: options.logger,
    agent: () => currentAgentId(settings),
    notifier: { notify: (callback) => attention.callbackDue(callback) },
  });
  const wrapUp = (wrapUpLink.service = new WrapUpService({
    database,
    clock,
    events: options.events,
    logger: options.logger,
    dispositions: () => settings.get('workflow.dispositions'),
    agent: () => currentAgentId(settings),
    deskLanguage: () => {
      const locale = settings.get('ui.locale');
      return locale === 'system' ? options.systemLocale : locale;
    },
    defaultCountry: () => settings.get('phone.defaultCountry') as CountryCode,
    liveCall: (callId) => {
      const call = sip.listCalls().find((live) => live.id === callId && live.state !== 'ended');
      return call && { number: call.remoteNumber ?? null, displayName: call.displayName || null };
    },
    customerOfCall: (callId) => callerCards.linkedCustomer(callId),
    onSubmitted: (callId) => {
      agentState.wrapUpSubmitted(callId);
      if (callId !== null) scripts.wrapUpFiled(callId);
    },
    onCustomersChanged: (customerIds) => customers.changed('interaction', customerIds),
    onCallbacksCreated: () => callbacks.reschedule(),
  }));
  // The agent behind `mine` is the SIP user: a new one has other callbacks due.
  settings.onChange((change) => {
    if (change.key === 'sip.user') callbacks.reschedule();
  });
  callbacks.start();
  scripts.attachDrafts(wrapUp);

  const callControl = new SoftphoneCallControl(sip, {
    callLog: new CallLogRepository(database.sqlite),
    logger: options.logger,
    events: options.events,
    deskLocale: () => {
      const locale = settings.get('ui.locale');
      return locale === 'system' ? options.systemLocale : locale;
    },
  });
  later.control = callControl;
  const hidTransport = options.hidTransport === undefined ? platformHidTransport(clock, options.logger) : options.hidTransport;
  let headset: HeadsetService | undefined;
  if (hidTransport) {
    headset = later.headset = createHeadsetService({
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
          // During a call these become the state to take after it (agent:setState's rule).
          ready: () => void agentState.setState({ state: 'available' }),
          notReady: () => void agentState.setState({ state: 'notReady' }),
        },
      })
    : undefined;
  hotkeys?.start();

  const workspace = new WorkspaceService({
    database,
    customers,
    settings,
    migrationsFolder: options.migrationsFolder,
    now: () => clock.now(),
  });
  const workspaceHandlers: Pick<CommandHandlers, keyof typeof workspaceCommands> = {
    'workspace:status': () => workspace.status(),
    'workspace:seedDemo': () => workspace.seedDemo(),
    'workspace:startEmpty': () => workspace.startEmpty(),
  };

  const deviceHandlers: Pick<CommandHandlers, keyof typeof devicesCommands> = {
    'headset:status': () => headset?.status() ?? { state: 'unavailable', candidates: 0, problem: 'no-transport' },
    'headset:devices': () => headset?.connectedDevices() ?? { devices: [] },
    'hotkeys:status': () => hotkeys?.snapshot() ?? { available: false, shortcuts: [] },
    'hotkeys:pause': ({ paused }) => hotkeys?.pause(paused) ?? { available: false, shortcuts: [] },
  };

  return {
    customers,
    sip,
    headset,
    wrapUp,
    callbacks,
    scripts,
    handlers: {
      ...customerHandlers(customers, callerCards, customerFiles),
      ...softphoneHandlers(sip),
      ...deviceHandlers,
      ...catalogueHandlers(catalogue, history),
      ...agentHandlers(agentState),
      ...wrapUpHandlers(wrapUp, callbacks),
      ...scriptHandlers(scripts),
      ...workspaceHandlers,
    },
    async close() {
      callbacks.stop();
      agentState.close(); // the session's last row: Logged out
      customerFiles.close();
      hotkeys?.stop();
      // Side by side: hanging up and unregistering (the part callers and the PBX notice) must not wait behind the
      // headset, and Electron's quit gives all of close only a few seconds (quitFlow.ts).
      await Promise.all([
        sip.stop(),
        headset?.stop(), // switches the headset's LEDs and ringer off
      ]);
      later.quality?.close();
    },
  };
}

/** Linux hidraw by default, node-hid elsewhere; AGENTDESK_HID_TRANSPORT overrides (chooseHidTransport.ts). */
function platformHidTransport(clock: Clock, logger: Logger) {
  const choice = chooseHidTransport(process.platform, process.env[HID_TRANSPORT_ENV]);
  if (choice.warning) logger.warn('hid transport setting ignored', { warning: choice.warning });
  logger.info('hid transport', { kind: choice.kind, reason: choice.reason });
  return createHidTransport(choice.kind, { clock, logger });
}

/** How long calls wait for a console that went away (reload, crash) to come back before they are ended. */
const MEDIA_ENGINE_GRACE_MS = 15_000;

/**
 * Calls outlive the page that carries their audio: when the media engine goes away (the console reloads or
 * its renderer crashes) the calls stay up for a grace period; when an engine attaches, every connected call
 * is re-negotiated into it (SipService.restoreMedia); when none comes back in time the calls end with the reason.
 */
function followMediaEngine(mediaPeer: MediaPeer | undefined, sip: SipService, clock: Clock, logger: Logger): void {
  if (!(mediaPeer instanceof MediaPeerHub)) return;
  let grace: { cancel(): void } | undefined;
  mediaPeer.onEngineChange((engine) => {
    grace?.cancel();
    grace = undefined;
    if (engine) {
      void sip.restoreMedia().catch((error: unknown) => logger.warn('media recovery failed', { error: String(error) }));
      return;
    }
    grace = clock.setTimeout(() => sip.endCallsWithoutMedia('the console window did not come back'), MEDIA_ENGINE_GRACE_MS);
  });
}
