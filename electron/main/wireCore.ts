// THE place where Electron main is connected to electron/core (composition of services, database,
// logger). Everything else in electron/main talks to core only through ./coreConnection.ts.
import { startCore } from '../core/app/core.js';
import { acquireInstanceLock } from '../core/app/instanceLock.js';
import { supportedLocale } from '../core/app/paths.js';
import type { Logger } from '../core/ports.js';
import { createElectronLogger } from './adapters/electronLogger.js';
import type { StartMainCore } from './coreConnection.js';

export function createMainLogger(logsDir: string): Logger {
  return createElectronLogger(logsDir, { console: process.env.AGENTDESK_LOG_CONSOLE === '1' });
}

export const startMainCore: StartMainCore = (options) => {
  // Keeps a browser-mode host off this data dir while the app runs (Electron's own lock covers a second app).
  const lock = acquireInstanceLock(options.dataDir, 'desktop');
  let core;
  try {
    core = startCore({
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
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  // options.dialUris: left queued until the SIP service exists to listen to it.
  return {
    dispatch: core.dispatch,
    close: async () => {
      await core.close();
      lock.release();
    },
  };
};
