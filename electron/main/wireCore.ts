// THE place where Electron main is connected to electron/core (composition of services, database,
// logger). Everything else in electron/main talks to core only through ./coreConnection.ts.
import { startCore } from '../core/app/core.js';
import { acquireInstanceLock } from '../core/app/instanceLock.js';
import { supportedLocale } from '../core/app/paths.js';
import { systemClock, type Logger } from '../core/ports.js';
import { MediaPeerHub } from '../core/sip/mediaPeerHub.js';
import { linkWindowMediaEngine } from './adapters/windowMediaEngine.js';
import { createElectronLogger } from './adapters/electronLogger.js';
import type { StartMainCore } from './coreConnection.js';
import { dialLinkFailure, dialLinkLogFields } from './dialLinks.js';

export function createMainLogger(logsDir: string): Logger {
  return createElectronLogger(logsDir, { console: process.env.AGENTDESK_LOG_CONSOLE === '1' });
}

export const startMainCore: StartMainCore = (options) => {
  // Keeps a browser-mode host off this data dir while the app runs (Electron's own lock covers a second app).
  const lock = acquireInstanceLock(options.dataDir, 'desktop');
  // Core's sip.js asks the console window's WebRTC engine for media through this hub (IPC, not a socket).
  const media = new MediaPeerHub({ clock: systemClock, logger: options.logger });
  let core;
  try {
    core = startCore({
      mediaPeer: media,
      mode: 'electron',
      version: options.version,
      dataDir: options.dataDir,
      migrationsFolder: options.migrationsFolder,
      provisioningFile: options.provisioningFile,
      // A damaged database is moved aside (never deleted) only after the operator agreed in main's dialog.
      onDamagedDatabase: options.replaceDamagedDatabase ? 'move-aside-and-create' : 'fail',
      systemLocale: supportedLocale(options.systemLocaleTag),
      logger: options.logger,
      events: options.events,
      secrets: options.secrets,
      shortcuts: options.shortcuts,
      saveFileDialog: options.saveFileDialog,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  // tel:/sip: links from the OS: dialled like a number the operator typed (same dialing rules, same card).
  // The dial command waits for the desk services, so a link that launched the app is dialled once SIP is up.
  // The number is customer data: the log says that a link came and how long it was, never whom it calls.
  const { dispatch } = core;
  const stopDialLinks = options.dialUris.listen((uri) => {
    options.logger.info('dial link arrived', dialLinkLogFields(uri));
    void dispatch('calls:dial', { target: uri }).then((result) => {
      if (result.ok) return;
      const failure = dialLinkFailure(uri, result.error, options.locale());
      options.logger.warn('dial link not dialled', failure.log);
      options.events.emit('app:notice', failure.notice);
    });
  });
  return {
    dispatch,
    linkMediaWindow: (contents, ipc) => linkWindowMediaEngine(media, contents, ipc),
    close: async () => {
      stopDialLinks();
      await core.close();
      lock.release();
    },
  };
};
