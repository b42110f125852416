// AgentDesk's Electron main process: the composition root. Runs in Electron main (bundled to
// dist/main/main.cjs). It only wires things together: the rules live in ./security, the window in
// ./mainWindow.ts, core behind ./coreConnection.ts (connected in ./wireCore.ts), quitting and crash recovery in
// ./windowLifecycle.ts (decided in ./quitFlow.ts and ./consoleRecovery.ts), the menu in ./applicationMenu.ts.
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { join } from 'node:path';
import { DatabaseDamagedError } from '../../db/database.js';
import { dataDirLayout, defaultDataDir, supportedLocale } from '../core/app/paths.js';
import { EventHub } from '../core/ipc/eventHub.js';
import { maxMessageBytes } from '../shared/ipc/contract.js';
import { systemClock, type EventSink } from '../core/ports.js';
import { contentSecurityPolicy } from '../shared/security/csp.js';
import { effectiveSettingsSchema, type Locale } from '../shared/settings.js';
import { electronSaveFileDialog } from './adapters/electronSaveFileDialog.js';
import { GlobalShortcutRegistry } from './adapters/globalShortcutRegistry.js';
import { attentionSink } from './attention.js';
import { SafeStorageSecretStore } from './adapters/safeStorageSecretStore.js';
import { applicationMenuTemplate } from './applicationMenu.js';
import { ConsoleRecovery } from './consoleRecovery.js';
import type { MainCore } from './coreConnection.js';
import { DeskWatch } from './deskWatch.js';
import { guardSession, guardWebContents, registerContractHandlers } from './guards.js';
import { dialUrisFromArgv, LaunchUriQueue, secondInstanceArgv } from './launchUris.js';
import { createMainWindow, revealWindow } from './mainWindow.js';
import { mainStrings } from './mainStrings.js';
import { nativeNotificationText } from './notificationText.js';
import { QuitFlow } from './quitFlow.js';
import { appFileResponse } from './security/appFiles.js';
import { appEntryUrl, appOrigin, appScheme, appSchemePrivileges } from './security/appScheme.js';
import { trayIcons } from './trayIcons.js';
import { trayMenu, type TrayMenuAction } from './trayMenu.js';
import { TrayStatus } from './trayStatus.js';
import { windowEventSink } from './windowEventSink.js';
import { guardConsoleWindow, guardQuit, guardSystemShutdown, type LifecycleDeps } from './windowLifecycle.js';
import { createMainLogger, startMainCore } from './wireCore.js';

// Before `ready`, or the scheme gets no origin, no fetch and no secure context.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
// Global shortcuts under Wayland go through the desktop portal (X11 and other OSes ignore this).
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
// Sandbox every renderer, including any a dependency might create without asking.
app.enableSandbox();
// One data dir for the Electron app and host mode (AGENTDESK_DATA_DIR overrides it); the
// single-instance lock lives in it, so set it before asking for the lock.
app.setPath('userData', defaultDataDir());

const dataDir = app.getPath('userData');
const logger = createMainLogger(dataDirLayout(dataDir).logs);
const dialUris = new LaunchUriQueue();
// Node would end main on an unhandled rejection; sip.js can leave one behind after a malformed message.
process.on('unhandledRejection', (reason) => {
  logger.error('unhandled promise rejection', { error: reason instanceof Error ? reason.message : String(reason) });
});
let mainWindow: BrowserWindow | null = null;
// Held here: a Tray that is garbage-collected disappears from the panel.
let tray: Tray | null = null;
let core: MainCore | null = null;
// Live calls and the desk's language, from core's events (created once the app is ready and the OS locale known).
let desk: DeskWatch | null = null;
const quitFlow = new QuitFlow({
  liveCalls: () => desk?.liveCalls ?? 0,
  closeCore: async () => {
    const closing = core;
    core = null;
    await closing?.close();
  },
  // Every window is closed by now and core is done (or timed out): nothing left for a second quit round.
  exit: () => app.exit(0),
  clock: systemClock,
  logger,
});
const lifecycle: LifecycleDeps = {
  app,
  dialog,
  quit: quitFlow,
  recovery: new ConsoleRecovery(),
  clock: systemClock,
  logger,
  text: () => mainStrings(desk?.locale ?? systemLocale()),
  windowCount: () => BrowserWindow.getAllWindows().length,
};

// A second launch (the operator double-clicks again, or the OS opens a tel: link) hands its
// arguments to the running desk and exits: two instances would fight over the database and the SIP account.
if (!app.requestSingleInstanceLock({ argv: process.argv })) {
  app.quit();
} else {
  dialUris.push(dialUrisFromArgv(process.argv));
  app.on('second-instance', (_event, argv, _workingDirectory, additionalData) => {
    dialUris.push(dialUrisFromArgv(secondInstanceArgv(argv, additionalData)));
    if (mainWindow) revealWindow(mainWindow);
  });
  // macOS delivers tel:/sip: links as an event, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    dialUris.push(dialUrisFromArgv([url]));
  });
  const guardOptions = { appOrigin, logger, openExternal: (url: string) => void shell.openExternal(url) };
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, guardOptions));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) mainWindow = openMainWindow();
  });
  // Closing the window or quitting during a call asks first; quitting waits (at most 5 s) for core to hang up,
  // unregister, log the agent out and reset the headset.
  guardQuit(lifecycle);
  app
    .whenReady()
    .then(async () => {
      guardSystemShutdown(lifecycle, powerMonitor);
      const deskWatch = new DeskWatch(systemLocale());
      desk = deskWatch;
      installApplicationMenu(deskWatch.locale);
      deskWatch.onLocaleChange(installApplicationMenu);
      guardSession(session.defaultSession, guardOptions);
      const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
      const csp = contentSecurityPolicy();
      protocol.handle(appScheme, (request) => appFileResponse(rendererDir, request, csp));

      const events = new EventHub(logger);
      events.add(deskWatch);
      events.add(windowEventSink(() => BrowserWindow.getAllWindows().map((window) => window.webContents), appOrigin, logger));
      events.add(
        attentionSink({
          window: () => mainWindow,
          reveal: revealWindow,
          notify(title, body, onClick) {
            if (!Notification.isSupported()) return;
            // Silent: the ringer already rings, on the devices the operator chose. The body carries the caller's
            // name, so on Linux it is escaped: notification servers would draw markup in it.
            const text = nativeNotificationText(process.platform, { title, body });
            const notification = new Notification({ ...text, silent: true, urgency: 'critical' });
            notification.on('click', onClick);
            notification.show();
          },
        }),
      );
      events.add(trayFollowingDesk(deskWatch));
      const coreOptions = {
        version: app.getVersion(),
        dataDir,
        migrationsFolder: app.isPackaged ? join(process.resourcesPath, 'migrations') : join(app.getAppPath(), 'db', 'migrations'),
        provisioningFile: app.commandLine.getSwitchValue('config') || undefined,
        systemLocaleTag: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
        locale: () => deskWatch.locale,
        logger,
        events,
        secrets: new SafeStorageSecretStore(safeStorage, { file: join(dataDir, 'secrets.safestorage.json') }),
        dialUris,
        shortcuts: new GlobalShortcutRegistry(globalShortcut),
        saveFileDialog: electronSaveFileDialog(dialog, () => mainWindow),
        replaceDamagedDatabase: false,
      };
      let started: MainCore;
      try {
        started = await startMainCore(coreOptions);
      } catch (error) {
        if (!(error instanceof DatabaseDamagedError) || !askToReplaceDamagedDatabase(error)) throw error;
        started = await startMainCore({ ...coreOptions, replaceDamagedDatabase: true });
      }
      core = started;
      // Main's dialogs follow the desk's language: read once here, then kept current by settings:changed.
      void started.dispatch('settings:get', {}).then((settings) => {
        const parsed = settings.ok ? effectiveSettingsSchema.safeParse(settings.value) : null;
        if (parsed?.success) deskWatch.settingsChanged(parsed.data);
      });
      registerContractHandlers(ipcMain, { appOrigin, maxBytes: maxMessageBytes, dispatch: started.dispatch, logger });
      mainWindow = openMainWindow();
      logger.info('electron main ready', { version: app.getVersion(), packaged: app.isPackaged });
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      logger.error('startup failed', { error: message });
      dialog.showErrorBox('AgentDesk', message);
      app.exit(1);
    });
}

/** The operator decides: a fresh database (the damaged file is kept beside it) or quit and call IT. */
function askToReplaceDamagedDatabase(error: DatabaseDamagedError): boolean {
  logger.warn('damaged database at startup', { reason: error.reason });
  const text = mainStrings(systemLocale());
  const choice = dialog.showMessageBoxSync({
    type: 'warning',
    title: 'AgentDesk',
    message: text.damagedTitle,
    detail: `${error.path}\n${error.reason}\n\n${text.damagedDetail}`,
    buttons: [text.freshDatabase, text.quit],
    defaultId: 1,
    cancelId: 1,
  });
  return choice === 0;
}

/** The menu bar (macOS) or none; its one label follows the desk's language. */
function installApplicationMenu(locale: Locale): void {
  const menu = applicationMenuTemplate(process.platform, {
    devTools: !app.isPackaged,
    developerLabel: mainStrings(locale).developerMenu,
  });
  Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
}

/**
 * The tray icon: a dot for registration and call state, its tooltip in words in the desk's language (redrawn when
 * ui.locale changes); a click brings the window.
 */
function trayFollowingDesk(deskWatch: DeskWatch): EventSink {
  const status = new TrayStatus(deskWatch.locale);
  const draw = () => {
    const view = status.view();
    tray?.setImage(nativeImage.createFromDataURL(trayIcons[view.state]));
    tray?.setToolTip(view.tooltip);
  };
  // The menu: open the console, or change the agent state from the tray (./trayMenu.ts).
  const drawMenu = () => {
    const items = trayMenu(deskWatch.locale, status.agentNow, deskWatch.notReadyReasons);
    tray?.setContextMenu(
      Menu.buildFromTemplate(
        items.map((item) =>
          item.type === 'separator'
            ? { type: 'separator' }
            : {
                type: item.type,
                label: item.label,
                ...(item.type === 'radio' ? { checked: item.checked } : {}),
                click: () => runTrayAction(item.action),
              },
        ),
      ),
    );
  };
  tray = new Tray(nativeImage.createFromDataURL(trayIcons.offline));
  tray.on('click', () => {
    if (mainWindow) revealWindow(mainWindow);
  });
  draw();
  drawMenu();
  deskWatch.onLocaleChange((locale) => {
    if (status.setLocale(locale)) draw();
  });
  deskWatch.onSettingsChange(drawMenu);
  return {
    emit(name, payload) {
      if (status.observe(name, payload)) draw();
      if (name === 'agent:state') drawMenu();
    },
  };
}

function runTrayAction(action: TrayMenuAction): void {
  if (action.kind === 'open') {
    if (mainWindow) revealWindow(mainWindow);
    else if (core) mainWindow = openMainWindow();
    return;
  }
  // Through core's dispatcher, checked against the contract like a command from the window.
  void core?.dispatch('agent:setState', action.request).then((result) => {
    if (!result.ok) logger.warn('tray: agent state not changed', { code: result.error.code, message: result.error.message });
  });
}

function openMainWindow(): BrowserWindow {
  const window = createMainWindow({
    preloadPath: join(app.getAppPath(), 'dist', 'preload', 'preload.cjs'),
    url: appEntryUrl,
    devTools: !app.isPackaged,
  });
  const media = core?.linkMediaWindow(window.webContents, ipcMain);
  guardConsoleWindow(window, media, lifecycle);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // The taskbar flashes for a call that did not raise the window; looking at it is enough to stop it.
  window.on('focus', () => window.flashFrame(false));
  return window;
}

/** The OS's language, as one of the desk's locales. */
function systemLocale(): Locale {
  return supportedLocale(app.getPreferredSystemLanguages()[0] ?? app.getLocale());
}
